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
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shapes that cross the blocking of the vector kernels (several K blocks, column tiles and strips with
 * remainders; several key blocks and the causal diagonal; vector and scalar quantisation groups; every
 * convolution path), on one thread and on three, against the reference.
 */
class BlockingShapesTest {

    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        for (DType dt : List.of(DType.FP32, DType.BF16, DType.FP16, DType.INT8)) {
            // K over two K blocks with a remainder, N over several column tiles plus a partial panel, M = 3 strips + 1
            add(list, dt, "gemm", "M", 37, "N", 1000, "K", 600);
            add(list, dt, "gemm", "M", 12, "N", 32, "K", 256); // exactly one micro-tile, one K block
            add(list, dt, "gemm", "M", 250, "N", 5, "K", 70); // narrow C: rows split among threads
            // B small enough to be packed whole by each worker (A packed in the tiles): a partial panel, strips + 1
            add(list, dt, "gemm", "M", 37, "N", 100, "K", 600); // and K over several blocks
        }
        add(list, DType.FP32, "gemv", "M", 37, "K", 1000);
        add(list, DType.FP32, "gemv", "M", 9, "K", 32);
        for (DType dt : List.of(DType.INT8, DType.INT4)) {
            add(list, dt, "qgemv", "M", 19, "K", 100, "G", 32); // three vector groups and a short one
            add(list, dt, "qgemv", "M", 7, "K", 99, "G", 32); // odd K: int4 rows padded to whole bytes
            add(list, dt, "qgemv", "M", 5, "K", 256, "G", 64);
            add(list, dt, "qgemv", "M", 3, "K", 96, "G", 48); // int8 vector groups, int4 scalar ones
        }
        for (String id : List.of("attention", "attention-causal")) {
            add(list, DType.FP32, id, "B", 1, "H", 2, "L", 300, "D", 64); // several key and query blocks
            add(list, DType.FP32, id, "B", 2, "H", 1, "L", 150, "D", 40); // D not a multiple of the panel
            add(list, DType.FP32, id, "B", 1, "H", 1, "L", 33, "D", 128);
            // all heads' packed K and Vᵀ (2.5 MB) larger than an L2: packed in a phase, not by each worker
            add(list, DType.FP32, id, "B", 1, "H", 4, "L", 600, "D", 128);
        }
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                2,
                "C",
                5,
                "H",
                13,
                "W",
                13,
                "K",
                20,
                "R",
                3,
                "S",
                3,
                "STRIDE",
                1,
                "PAD",
                1);
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                1,
                "C",
                16,
                "H",
                40,
                "W",
                40,
                "K",
                14,
                "R",
                1,
                "S",
                1,
                "STRIDE",
                1,
                "PAD",
                0);
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                3,
                "C",
                4,
                "H",
                17,
                "W",
                15,
                "K",
                13,
                "R",
                3,
                "S",
                3,
                "STRIDE",
                2,
                "PAD",
                1);
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                1,
                "C",
                3,
                "H",
                20,
                "W",
                21,
                "K",
                8,
                "R",
                5,
                "S",
                4,
                "STRIDE",
                3,
                "PAD",
                2);
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                1,
                "C",
                40,
                "H",
                9,
                "W",
                9,
                "K",
                17,
                "R",
                3,
                "S",
                3,
                "STRIDE",
                1,
                "PAD",
                0);
        // stride 2 with rows wide enough for the vector split, and more than one K block of channels
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                1,
                "C",
                30,
                "H",
                12,
                "W",
                70,
                "K",
                13,
                "R",
                3,
                "S",
                3,
                "STRIDE",
                2,
                "PAD",
                1);
        add(list, DType.FP32, "conv2d", "N", 2, "C", 3, "H", 9, "W", 45, "K", 5, "R", 5, "S", 5, "STRIDE", 2, "PAD", 2);
        // stride 1 with rows at least a vector wide: B's columns are the output positions only (compact), odd
        // widths so vectors cross row ends; column tiles starting mid-row and two K blocks; a scalar tail
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                1,
                "C",
                30,
                "H",
                40,
                "W",
                37,
                "K",
                13,
                "R",
                3,
                "S",
                3,
                "STRIDE",
                1,
                "PAD",
                1);
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                2,
                "C",
                7,
                "H",
                11,
                "W",
                19,
                "K",
                5,
                "R",
                3,
                "S",
                3,
                "STRIDE",
                1,
                "PAD",
                1);
        add(list, DType.FP32, "conv2d", "N", 1, "C", 5, "H", 6, "W", 17, "K", 3, "R", 3, "S", 3, "STRIDE", 1, "PAD", 1);
        add(list, DType.FP32, "conv2d", "N", 1, "C", 3, "H", 9, "W", 24, "K", 4, "R", 5, "S", 4, "STRIDE", 1, "PAD", 0);
        add(list, DType.FP32, "conv2d", "N", 1, "C", 2, "H", 8, "W", 66, "K", 3, "R", 2, "S", 2, "STRIDE", 2, "PAD", 0);
        // 1×1 written straight into the output, two images, a partial panel; a small A (the weights) each worker packs
        add(
                list,
                DType.FP32,
                "conv2d",
                "N",
                2,
                "C",
                40,
                "H",
                50,
                "W",
                50,
                "K",
                14,
                "R",
                1,
                "S",
                1,
                "STRIDE",
                1,
                "PAD",
                0);
        for (String id : List.of("softmax", "layernorm", "rmsnorm")) {
            add(list, DType.FP32, id, "R", 3, "C", 50_257); // rows longer than a summation chunk
            add(list, DType.FP32, id, "R", 40, "C", 32);
        }
        for (String id : List.of("gelu", "silu", "triad")) {
            add(list, DType.FP32, id, "N", 65_551); // two chunks and a vector tail
        }
        return list.stream();
    }

    private static void add(List<Arguments> list, DType dtype, String id, Object... dims) {
        for (int threads : new int[] {1, 3}) {
            list.add(Arguments.of(id, dtype, Shape.of(id, dims), threads));
        }
    }

    @ParameterizedTest(name = "{0}/{1} {2} on {3} threads")
    @MethodSource("shapes")
    void matchesTheReference(String kernelId, DType dtype, Shape shape, int threads) throws Exception {
        Kernel kernel = KernelCatalogue.standard().kernel(kernelId);
        KernelInputs inputs = kernel.inputs(shape, dtype, 11);
        try (CpuBackend backend = new CpuBackend(threads);
                PreparedKernel prepared =
                        backend.prepare(kernel, inputs, backend.devices().getFirst())) {
            prepared.run();
            prepared.run(); // a second run must overwrite, not accumulate
            VerificationResult result = kernel.verify(inputs, prepared.output());
            assertThat(result.passed())
                    .as("%s/%s %s on %d threads: %s", kernelId, dtype.id(), shape.dimsText(), threads, result)
                    .isTrue();
        }
    }
}
