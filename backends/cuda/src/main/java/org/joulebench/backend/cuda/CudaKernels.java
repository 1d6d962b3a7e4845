package org.joulebench.backend.cuda;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.catalogue.Conv2dKernel;
import org.joulebench.kernels.spi.KernelVariant;

/**
 * Our CUDA kernels: the catalogue kernels and dtypes with committed PTX, for the {@code ours} implementation and
 * the {@code ours-wmma} fallback. Where an implementation has several kernels for one kernel and dtype, the first
 * one the device's architecture has is used: {@code ours}' fp16/bf16 GEMM is gemm_mma.cu's tuned one on sm_80+,
 * and on Turing (fp16 only) gemm_half.cu's wmma one, which {@code ours-wmma} keeps on sm_80+ too, so a tuned
 * kernel that fails verification on a new chip still leaves a verified tensor-core row.
 */
public final class CudaKernels {
    /** Threads per block of the one-pass elementwise kernels. */
    static final int ELEMENTWISE_THREADS = 256;
    /** Upper bound on blocks of a grid-stride launch (enough to fill any current chip many times over). */
    static final int MAX_GRID_STRIDE_BLOCKS = 65_536;
    /** Threads per block of softmax (one block per row); must match SOFTMAX_THREADS in softmax.cu. */
    static final int SOFTMAX_THREADS = 256;
    /** Threads per block of layernorm/rmsnorm (one block per row); NORM_THREADS in norms.cu. */
    static final int NORM_THREADS = 256;
    /** gemv.cu: one warp per row, 8 rows per 256-thread block. */
    static final int GEMV_THREADS = 256;

    static final int GEMV_ROWS_PER_BLOCK = GEMV_THREADS / 32;
    /** gemm_f32.cu: 64x64 output tile per block, 256 threads. */
    static final int GEMM_F32_TILE = 64;

    static final int GEMM_F32_THREADS = 256;
    /** gemm_half.cu and gemm_i8.cu: 64x64 output tile per block, 4 warps. */
    static final int GEMM_HALF_TILE = 64;

    static final int GEMM_HALF_THREADS = 128;
    /** gemm_mma.cu: 128x128 output tile per block (MMA_BM, MMA_BN), 8 warps (MMA_THREADS). */
    static final int GEMM_MMA_TILE = 128;

    static final int GEMM_MMA_THREADS = 256;
    /** gemm_mma.cu needs cp.async and bf16 mma.sync: Ampere (sm_80) and newer. */
    static final int GEMM_MMA_MINIMUM_TARGET = 80;
    /** qgemv.cu: one warp per row, 8 rows per 256-thread block (QGEMV_THREADS). */
    static final int QGEMV_THREADS = 256;
    /** conv2d.cu: a 64x64 tile of the implicit GEMM (output channels x output pixels), 256 threads. */
    static final int CONV_TILE = 64;

    static final int CONV_THREADS = 256;
    /** attention.cu: one warp per query row, 8 rows per 256-thread block (ATT_THREADS), keys 32 at a time. */
    static final int ATTENTION_THREADS = 256;

    static final int ATTENTION_ROWS = ATTENTION_THREADS / 32;
    static final int ATTENTION_KEYS = 32;
    /** attention.cu's ATT_MAX_D: a lane holds 4 output columns of its warp's query row. */
    static final int ATTENTION_MAX_D = 128;

    private static final List<CudaKernelSpec> SPECS = List.of(
            new CudaKernelSpec(
                    "noop",
                    DType.FP32,
                    "noop",
                    "noop_kernel",
                    List.of("X"),
                    true,
                    in -> List.of(),
                    in -> new LaunchGeometry(1, 1, 1, 0)),
            new CudaKernelSpec(
                    "triad",
                    DType.FP32,
                    "triad",
                    "triad_f32",
                    List.of("b", "c"),
                    false,
                    in -> List.of((float) in.scalar("alpha"), (long) in.shape().dim("N")),
                    in -> elementwise(in.shape().dim("N"))),
            new CudaKernelSpec(
                    "gelu",
                    DType.FP32,
                    "gelu",
                    "gelu_f32",
                    List.of("X"),
                    false,
                    in -> List.of((long) in.shape().dim("N")),
                    in -> elementwise(in.shape().dim("N"))),
            new CudaKernelSpec(
                    "silu",
                    DType.FP32,
                    "silu",
                    "silu_f32",
                    List.of("X"),
                    false,
                    in -> List.of((long) in.shape().dim("N")),
                    in -> elementwise(in.shape().dim("N"))),
            new CudaKernelSpec(
                    "softmax",
                    DType.FP32,
                    "softmax",
                    "softmax_f32",
                    List.of("X"),
                    false,
                    in -> List.of(in.shape().dim("R"), in.shape().dim("C")),
                    in -> new LaunchGeometry(in.shape().dim("R"), 1, SOFTMAX_THREADS, 0)),
            new CudaKernelSpec(
                    "layernorm",
                    DType.FP32,
                    "norms",
                    "layernorm_f32",
                    List.of("X", "gamma", "beta"),
                    false,
                    in -> List.of(in.shape().dim("R"), in.shape().dim("C"), (float) in.scalar("eps")),
                    in -> new LaunchGeometry(in.shape().dim("R"), 1, NORM_THREADS, 0)),
            new CudaKernelSpec(
                    "rmsnorm",
                    DType.FP32,
                    "norms",
                    "rmsnorm_f32",
                    List.of("X", "gamma"),
                    false,
                    in -> List.of(in.shape().dim("R"), in.shape().dim("C"), (float) in.scalar("eps")),
                    in -> new LaunchGeometry(in.shape().dim("R"), 1, NORM_THREADS, 0)),
            new CudaKernelSpec(
                    "gemv",
                    DType.FP32,
                    "gemv",
                    "gemv_f32",
                    List.of("A", "x"),
                    false,
                    in -> List.of(in.shape().dim("M"), in.shape().dim("K")),
                    in -> new LaunchGeometry(
                            (int) LaunchGeometry.ceilDiv(in.shape().dim("M"), GEMV_ROWS_PER_BLOCK),
                            1,
                            GEMV_THREADS,
                            0)),
            gemm(DType.FP32, "gemm_f32", "gemm_f32", GEMM_F32_TILE, GEMM_F32_THREADS),
            // ours: the tuned GEMM where the architecture has it (listed first: preferred), else the wmma one
            gemm(DType.FP16, "gemm_mma", "gemm_f16_mma", GEMM_MMA_TILE, GEMM_MMA_THREADS)
                    .as(CudaBackendProvider.OURS, GEMM_MMA_MINIMUM_TARGET),
            gemm(DType.BF16, "gemm_mma", "gemm_bf16_mma", GEMM_MMA_TILE, GEMM_MMA_THREADS)
                    .as(CudaBackendProvider.OURS, GEMM_MMA_MINIMUM_TARGET),
            gemm(DType.FP16, "gemm_half", "gemm_f16", GEMM_HALF_TILE, GEMM_HALF_THREADS),
            // ours-wmma: the wmma GEMM beside the tuned one
            gemm(DType.FP16, "gemm_half", "gemm_f16", GEMM_HALF_TILE, GEMM_HALF_THREADS)
                    .as(CudaBackendProvider.OURS_WMMA, PtxTargets.TARGETS.getFirst()),
            gemm(DType.BF16, "gemm_half", "gemm_bf16", GEMM_HALF_TILE, GEMM_HALF_THREADS)
                    .as(CudaBackendProvider.OURS_WMMA, GEMM_MMA_MINIMUM_TARGET),
            gemm(DType.INT8, "gemm_i8", "gemm_i8", GEMM_HALF_TILE, GEMM_HALF_THREADS),
            qgemv(DType.INT8, "qgemv_i8"),
            qgemv(DType.INT4, "qgemv_i4"),
            new CudaKernelSpec(
                    "conv2d",
                    DType.FP32,
                    "conv2d",
                    "conv2d_f32",
                    List.of("input", "weight"),
                    false,
                    in -> {
                        var s = in.shape();
                        return List.of(
                                s.dim("N"),
                                s.dim("C"),
                                s.dim("H"),
                                s.dim("W"),
                                s.dim("K"),
                                s.dim("R"),
                                s.dim("S"),
                                s.dim("STRIDE"),
                                s.dim("PAD"),
                                Conv2dKernel.outputHeight(s),
                                Conv2dKernel.outputWidth(s));
                    },
                    // implicit GEMM: rows are output channels, columns the N*P*Q output pixels
                    in -> LaunchGeometry.tiles(
                            in.shape().dim("K"),
                            (long) in.shape().dim("N")
                                    * Conv2dKernel.outputHeight(in.shape())
                                    * Conv2dKernel.outputWidth(in.shape()),
                            CONV_TILE,
                            CONV_TILE,
                            CONV_THREADS)),
            attention("attention", "attention_f32"),
            attention("attention-causal", "attention_causal_f32"));

    private CudaKernels() {}

    public static List<CudaKernelSpec> all() {
        return SPECS;
    }

    /** {@code ours}' preferred kernel for a kernel and dtype (its layout: the tensors, their order and dims). */
    public static Optional<CudaKernelSpec> find(String kernelId, DType dtype) {
        return candidates(CudaBackendProvider.OURS, kernelId, dtype).stream().findFirst();
    }

    /** An implementation's kernels for a kernel and dtype, the preferred first (empty: not implemented). */
    static List<CudaKernelSpec> candidates(String implementationId, String kernelId, DType dtype) {
        return SPECS.stream()
                .filter(s -> s.implementationId().equals(implementationId)
                        && s.kernelId().equals(kernelId)
                        && s.dtype() == dtype)
                .toList();
    }

    /** The kernel/dtype pairs {@code ours} implements on some architecture. */
    public static Set<KernelVariant> supported() {
        return supported(CudaBackendProvider.OURS, PtxTargets.TARGETS.getLast());
    }

    /** The kernel/dtype pairs an implementation has a kernel for on this compute capability (75 = sm_75). */
    public static Set<KernelVariant> supported(String implementationId, int computeCapability) {
        Set<KernelVariant> set = new LinkedHashSet<>();
        SPECS.stream()
                .filter(s -> s.implementationId().equals(implementationId))
                .filter(s -> computeCapability >= s.minimumTarget())
                .forEach(s -> set.add(new KernelVariant(s.kernelId(), s.dtype())));
        return set;
    }

    static LaunchGeometry elementwise(long n) {
        return LaunchGeometry.gridStride(n, ELEMENTWISE_THREADS, MAX_GRID_STRIDE_BLOCKS);
    }

    private static CudaKernelSpec qgemv(DType dtype, String function) {
        return new CudaKernelSpec(
                "qgemv",
                dtype,
                "qgemv",
                function,
                List.of("W", "scales", "x"),
                false,
                in -> List.of(
                        in.shape().dim("M"), in.shape().dim("K"), in.shape().dim("G")),
                in -> new LaunchGeometry(
                        (int) LaunchGeometry.ceilDiv(in.shape().dim("M"), QGEMV_THREADS / 32), 1, QGEMV_THREADS, 0));
    }

    private static CudaKernelSpec attention(String kernelId, String function) {
        return new CudaKernelSpec(
                kernelId,
                DType.FP32,
                "attention",
                function,
                List.of("Q", "K", "V"),
                false,
                in -> List.of(in.shape().dim("L"), in.shape().dim("D"), (float) in.scalar("scale")),
                in -> {
                    var s = in.shape();
                    long heads = (long) s.dim("B") * s.dim("H");
                    if (heads > LaunchGeometry.MAX_GRID_Y) {
                        throw new IllegalArgumentException("B*H = " + heads + " heads exceed CUDA's grid limit of "
                                + LaunchGeometry.MAX_GRID_Y + " (one grid row per head)");
                    }
                    return new LaunchGeometry(
                            (int) LaunchGeometry.ceilDiv(s.dim("L"), ATTENTION_ROWS),
                            (int) heads,
                            ATTENTION_THREADS,
                            attentionSharedBytes(s.dim("D")));
                });
    }

    /** attention.cu's dynamic shared memory: a K tile padded to D+1 floats a row, a V tile, the block's queries. */
    static int attentionSharedBytes(int d) {
        return Float.BYTES * (ATTENTION_KEYS * (d + 1) + ATTENTION_KEYS * d + ATTENTION_ROWS * d);
    }

    private static CudaKernelSpec gemm(DType dtype, String ptx, String function, int tile, int threads) {
        return new CudaKernelSpec(
                "gemm",
                dtype,
                ptx,
                function,
                List.of("A", "B"),
                false,
                (KernelInputs in) -> List.of(
                        in.shape().dim("M"), in.shape().dim("N"), in.shape().dim("K")),
                (KernelInputs in) ->
                        LaunchGeometry.tiles(in.shape().dim("M"), in.shape().dim("N"), tile, tile, threads));
    }
}
