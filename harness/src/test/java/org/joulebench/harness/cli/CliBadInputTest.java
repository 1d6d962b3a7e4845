package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliBadInputTest {

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--kernel=gemm | M=4,N=4,X=2   | --shape: shape 'M=4,N=4,X=2': gemm has no dimension X; valid: [M, N, K]",
                "--kernel=gemm | M=4,N=4       | missing [K]",
                "--kernel=gemm | M=4,N=4,K=0   | K must be >= 1",
                "--size=S      | N=4           | --shape needs --kernel",
            })
    void aBadCustomShapeIsAUsageErrorNamingTheValidDims(String other, String dims, String expected) {
        Outcome o = run("run", other, "--shape=" + dims);
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(expected);
        assertThat(o.out()).doesNotContain("results, profile");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--kernel=nope          | unknown kernel 'nope'; valid: [gemm, gemv, qgemv, conv2d, attention, attention-causal, softmax, layernorm, rmsnorm, gelu, silu, triad, noop]",
                "--backend=tpu9000      | unknown backend 'tpu9000'; valid: [",
                "--size=XL              | unknown size 'XL'; valid: [S, M, L]",
                "--dtype=fp8            | unknown dtype 'fp8'; valid: [fp32, fp16, bf16, int8, int4]",
                "--profile=forever      | unknown profile 'forever'; valid: [quick, standard, submission]",
                "--kernel=gemm,bogus    | unknown kernel 'bogus'",
                "--sensor=bogus         | --sensor: unknown sensor 'bogus'",
                "--sensor=ptd:x         | --sensor: sensor 'ptd:x': expected ptd:HOST:PORT",
                "--sensor=ptd:h:99999   | port '99999' is not 1-65535",
            })
    void unknownNamesAreRejectedWithTheValidOnesAndExitCode2(String arg, String expected) {
        Outcome o = run("run", arg);
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(expected).contains("joulebench run --help");
        assertThat(o.out()).doesNotContain("results, profile"); // nothing was started
    }

    @org.junit.jupiter.api.Test
    void aDtypeNoSelectedKernelHasIsRejected() {
        Outcome o = run("run", "--kernel=softmax", "--dtype=int8");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--dtype: none of [int8] is defined for [softmax]");
    }

    @org.junit.jupiter.api.Test
    void unknownSubcommandOrOptionIsAUsageError() {
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run("run", "--no-such-option").code()).isEqualTo(2);
    }
}
