package org.joulebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.joulebench.kernels.catalogue.TriadKernel;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private static final Tolerance TOL = new Tolerance(1e-3, 1e-3);

    @Test
    void passesWithinTolerance() {
        VerificationResult r = Verifier.compare(new double[] {1, 2, -3}, new double[] {1.0005, 2, -3}, TOL);
        assertThat(r.passed()).isTrue();
        assertThat(r.worstIndex()).isEqualTo(0);
        assertThat(r.maxAbsoluteError()).isCloseTo(5e-4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.message()).startsWith("all 3 elements within tolerance");
    }

    @Test
    void failsNamingTheWorstIndex() {
        VerificationResult r = Verifier.compare(new double[] {1, 2, 3, 4}, new double[] {1.01, 2, 3, 4.5}, TOL);
        assertThat(r.passed()).isFalse();
        assertThat(r.worstIndex()).isEqualTo(3);
        assertThat(r.message()).contains("2 of 4 elements outside tolerance").contains("worst at index 3");
    }

    @Test
    void nanAndInfinityFail() {
        VerificationResult nan = Verifier.compare(new double[] {1, 2}, new double[] {1, Double.NaN}, TOL);
        assertThat(nan.passed()).isFalse();
        assertThat(nan.worstIndex()).isEqualTo(1);
        VerificationResult inf = Verifier.compare(new double[] {1, 2}, new double[] {Double.POSITIVE_INFINITY, 2}, TOL);
        assertThat(inf.passed()).isFalse();
        assertThat(inf.worstIndex()).isZero();
    }

    @Test
    void lengthMismatchFails() {
        VerificationResult r = Verifier.compare(new double[] {1, 2}, new double[] {1}, TOL);
        assertThat(r.passed()).isFalse();
        assertThat(r.message()).isEqualTo("output has 1 elements, reference has 2");
    }

    @Test
    void rmsPartLetsNearZeroEntriesPass() {
        // |ref| of the middle element is tiny: only the rms-relative allowance (1e-3 · rms ≈ 5.8e-4) covers it
        double[] ref = {1, 1e-9, -1};
        assertThat(Verifier.compare(ref, new double[] {1, 5e-4, -1}, TOL).passed())
                .isTrue();
        assertThat(Verifier.compare(ref, new double[] {1, 5e-4, -1}, new Tolerance(1e-3, 0))
                        .passed())
                .isFalse();
        assertThat(Verifier.compare(ref, new double[] {1, 1e-9, -1}, Tolerance.EXACT)
                        .passed())
                .isTrue();
        assertThat(Verifier.compare(ref, new double[] {1, 2e-9, -1}, Tolerance.EXACT)
                        .passed())
                .isFalse();
    }

    @Test
    void kernelVerifyChecksAnOutputTensor() {
        Kernel triad = new TriadKernel();
        KernelInputs in = triad.inputs(Shape.of("triad", "N", 100), DType.FP32, 3);
        float[] b = in.tensor("b").f32(), c = in.tensor("c").f32();
        float[] a = new float[100];
        for (int i = 0; i < 100; i++) {
            a[i] = b[i] + 3.0f * c[i];
        }
        assertThat(triad.verify(in, Tensor.f32("a", a, 100)).passed()).isTrue();
        a[42] += 1e-3f;
        VerificationResult bad = triad.verify(in, Tensor.f32("a", a, 100));
        assertThat(bad.passed()).isFalse();
        assertThat(bad.worstIndex()).isEqualTo(42);
    }
}
