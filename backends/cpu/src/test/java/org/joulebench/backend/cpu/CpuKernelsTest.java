package org.joulebench.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kernel/dtype on odd shapes (1, primes, tile-boundary crossings) against the reference. */
class CpuKernelsTest {
    // Three threads even on a smaller machine, so that tiles really are split among workers.
    private static CpuBackend backend;

    @BeforeAll
    static void open() {
        backend = new CpuBackend(3);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static Stream<Arguments> oddShapes() {
        List<Arguments> list = new ArrayList<>();
        for (DType dt : List.of(DType.FP32, DType.FP16, DType.BF16, DType.INT8)) {
            add(list, dt, "gemm", "M", 1, "N", 1, "K", 1);
            add(list, dt, "gemm", "M", 7, "N", 13, "K", 17);
            add(list, dt, "gemm", "M", 33, "N", 1, "K", 65);
            add(list, dt, "gemm", "M", 1, "N", 600, "K", 131); // crosses the column tile and the K block
            add(list, dt, "gemm", "M", 70, "N", 37, "K", 300); // crosses the row tile and the K block
        }
        add(list, DType.FP32, "gemv", "M", 1, "K", 1);
        add(list, DType.FP32, "gemv", "M", 7, "K", 13);
        add(list, DType.FP32, "gemv", "M", 1001, "K", 67);
        for (DType dt : List.of(DType.INT8, DType.INT4)) {
            add(list, dt, "qgemv", "M", 1, "K", 1, "G", 1);
            add(list, dt, "qgemv", "M", 7, "K", 13, "G", 4); // K not a multiple of G
            add(list, dt, "qgemv", "M", 5, "K", 17, "G", 3); // odd G: int4 groups start on high nibbles
            add(list, dt, "qgemv", "M", 3, "K", 7, "G", 32); // G > K
            add(list, dt, "qgemv", "M", 33, "K", 128, "G", 32);
            add(list, dt, "qgemv", "M", 2000, "K", 45, "G", 8);
        }
        add(list, DType.FP32, "conv2d", "N", 1, "C", 1, "H", 1, "W", 1, "K", 1, "R", 1, "S", 1, "STRIDE", 1, "PAD", 0);
        add(list, DType.FP32, "conv2d", "N", 2, "C", 3, "H", 7, "W", 9, "K", 5, "R", 3, "S", 3, "STRIDE", 2, "PAD", 1);
        add(list, DType.FP32, "conv2d", "N", 1, "C", 2, "H", 5, "W", 5, "K", 3, "R", 5, "S", 5, "STRIDE", 1, "PAD", 2);
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                1,
                "C",
                4,
                "H",
                11,
                "W",
                13,
                "K",
                2,
                "R",
                2,
                "S",
                3,
                "STRIDE",
                3,
                "PAD",
                0);
        add(list, DType.FP32, "conv2d", "N", 1, "C", 3, "H", 6, "W", 4, "K", 7, "R", 1, "S", 3, "STRIDE", 1, "PAD", 3);
        for (String id : List.of("attention", "attention-causal")) {
            add(list, DType.FP32, id, "B", 1, "H", 1, "L", 1, "D", 1);
            add(list, DType.FP32, id, "B", 2, "H", 3, "L", 17, "D", 5);
            add(list, DType.FP32, id, "B", 1, "H", 2, "L", 40, "D", 64);
        }
        for (String id : List.of("softmax", "layernorm", "rmsnorm")) {
            add(list, DType.FP32, id, "R", 1, "C", 1);
            add(list, DType.FP32, id, "R", 7, "C", 13);
            add(list, DType.FP32, id, "R", 3, "C", 5003);
            add(list, DType.FP32, id, "R", 1001, "C", 3);
        }
        add(list, DType.FP32, "softmax", "R", 3, "C", 50_257); // the M row: rows of a tile each (RowKernel.LONG_ROW)
        // X just over half this machine's L3 (16 MiB on a 32 MiB L3): a row at a time (RowKernel.MEMORY_RESIDENT_BYTES)
        add(list, DType.FP32, "layernorm", "R", (int) (RowKernel.MEMORY_RESIDENT_BYTES / (4 * 1024)) + 1, "C", 1024);
        for (String id : List.of("gelu", "silu", "triad")) {
            add(list, DType.FP32, id, "N", 1);
            add(list, DType.FP32, id, "N", 17);
            add(list, DType.FP32, id, "N", 100_003);
        }
        return list.stream();
    }

    private static void add(List<Arguments> list, DType dtype, String id, Object... dims) {
        list.add(Arguments.of(id, dtype, Shape.of(id, dims)));
    }

    @ParameterizedTest(name = "{0}/{1} {2}")
    @MethodSource("oddShapes")
    void matchesTheReferenceOnOddShapes(String kernelId, DType dtype, Shape shape) throws Exception {
        Kernel kernel = KernelCatalogue.standard().kernel(kernelId);
        for (long seed : new long[] {1, 0x5eedL + shape.dimsText().hashCode()}) {
            KernelInputs inputs = kernel.inputs(shape, dtype, seed);
            try (PreparedKernel prepared =
                    backend.prepare(kernel, inputs, backend.devices().getFirst())) {
                prepared.run();
                Tensor out = prepared.output();
                assertThat(out.type()).isEqualTo(inputs.outputType());
                assertThat(out.dims()).isEqualTo(inputs.outputDims());
                VerificationResult result = kernel.verify(inputs, out);
                assertThat(result.passed())
                        .as("%s/%s %s seed %d: %s", kernelId, dtype.id(), shape.dimsText(), seed, result)
                        .isTrue();
            }
        }
    }
}
