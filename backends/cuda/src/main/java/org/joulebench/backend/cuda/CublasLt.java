package org.joulebench.backend.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.joulebench.kernels.spi.BackendException;

/**
 * cuBLASLt through the FFM API, for the one GEMM cuBLAS's classic API does not serve well: int8 inputs with
 * int32 accumulation and output ({@code CUBLAS_COMPUTE_32I}, scale type {@code CUDA_R_32I}). The library is
 * {@code libcublasLt.so.N} beside the {@code libcublas.so.N} {@link CublasLocator} found.
 *
 * <p>Row-major C[M,N] = A[M,K]·B[K,N] is, column-major, Cᵀ (N×M) = Bᵀ·Aᵀ. The int8 tensor-core kernels want the
 * "TN" form (the first operand transposed, the second not), so B, a weight, is transposed once at prepare
 * (untimed) into Bᵗ [N,K] row-major: column-major that is a K×N matrix with leading dimension K, taken with
 * {@code CUBLAS_OP_T}; A row-major is the column-major K×M matrix with leading dimension K, taken as it is.
 */
final class CublasLt {
    static final int COMPUTE_32I = 72;
    static final int R_8I = 3;
    static final int R_32I = 10;
    static final int OP_N = 0;
    static final int OP_T = 1;
    /** cublasLtMatmulDescAttributes_t: CUBLASLT_MATMUL_DESC_TRANSA, _TRANSB. */
    static final int DESC_TRANSA = 3;

    static final int DESC_TRANSB = 4;
    /** cublasLtMatmulPreferenceAttributes_t: CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES (uint64). */
    static final int PREF_MAX_WORKSPACE_BYTES = 1;
    /** sizeof(cublasLtMatmulHeuristicResult_t): the 64-byte algo, size_t workspaceSize, int state, float waves, int[4]. */
    static final long HEURISTIC_RESULT_BYTES = 96;

    static final long ALGO_BYTES = 64;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;
    private static final java.lang.foreign.AddressLayout P = ValueLayout.ADDRESS;

    private final Path library;
    private final MethodHandle create;
    private final MethodHandle destroy;
    private final MethodHandle getVersion;
    private final MethodHandle descCreate;
    private final MethodHandle descDestroy;
    private final MethodHandle descSet;
    private final MethodHandle layoutCreate;
    private final MethodHandle layoutDestroy;
    private final MethodHandle prefCreate;
    private final MethodHandle prefDestroy;
    private final MethodHandle prefSet;
    private final MethodHandle heuristic;
    private final MethodHandle matmul;

    private CublasLt(Path library, SymbolLookup lib) throws BackendException {
        this.library = library;
        create = handle(lib, "cublasLtCreate", FunctionDescriptor.of(I, P));
        destroy = handle(lib, "cublasLtDestroy", FunctionDescriptor.of(I, P));
        getVersion = handle(lib, "cublasLtGetVersion", FunctionDescriptor.of(J));
        descCreate = handle(lib, "cublasLtMatmulDescCreate", FunctionDescriptor.of(I, P, I, I));
        descDestroy = handle(lib, "cublasLtMatmulDescDestroy", FunctionDescriptor.of(I, P));
        descSet = handle(lib, "cublasLtMatmulDescSetAttribute", FunctionDescriptor.of(I, P, I, P, J));
        layoutCreate = handle(lib, "cublasLtMatrixLayoutCreate", FunctionDescriptor.of(I, P, I, J, J, J));
        layoutDestroy = handle(lib, "cublasLtMatrixLayoutDestroy", FunctionDescriptor.of(I, P));
        prefCreate = handle(lib, "cublasLtMatmulPreferenceCreate", FunctionDescriptor.of(I, P));
        prefDestroy = handle(lib, "cublasLtMatmulPreferenceDestroy", FunctionDescriptor.of(I, P));
        prefSet = handle(lib, "cublasLtMatmulPreferenceSetAttribute", FunctionDescriptor.of(I, P, I, P, J));
        heuristic =
                handle(lib, "cublasLtMatmulAlgoGetHeuristic", FunctionDescriptor.of(I, P, P, P, P, P, P, P, I, P, P));
        matmul =
                handle(lib, "cublasLtMatmul", FunctionDescriptor.of(I, P, P, P, P, P, P, P, P, P, P, P, P, P, P, J, P));
    }

    private static CublasLt loaded;

    /** Loads the library once per JVM (inside the fork). */
    static synchronized CublasLt load(Path library) throws BackendException {
        if (loaded == null) {
            try {
                loaded = new CublasLt(library, SymbolLookup.libraryLookup(library, Arena.global()));
            } catch (IllegalArgumentException e) {
                throw new BackendException("cannot load cuBLASLt " + library + ": " + e.getMessage(), e);
            }
        }
        return loaded;
    }

    /** {@code libcublasLt.so.N} beside {@code libcublas.so.N} (the same major version), where it is. */
    static java.util.Optional<Path> besides(Path cublas) {
        String name = cublas.getFileName().toString().replace("libcublas.so", "libcublasLt.so");
        Path lt = cublas.resolveSibling(name);
        return java.nio.file.Files.isRegularFile(lt) ? java.util.Optional.of(lt) : java.util.Optional.empty();
    }

    /** Why int8 is not listed for cuBLAS: where the library was looked for. */
    static String missingReason(Path cublas) {
        return cublas.getFileName().toString().replace("libcublas.so", "libcublasLt.so") + " not found in "
                + cublas.getParent() + " (cuBLAS's int8 GEMM is cublasLtMatmul)";
    }

    private static MethodHandle handle(SymbolLookup lib, String name, FunctionDescriptor d) throws BackendException {
        return LINKER.downcallHandle(
                lib.find(name).orElseThrow(() -> new BackendException("cuBLASLt has no " + name)), d);
    }

    Path library() {
        return library;
    }

    /** cublasLtGetVersion: major·10000 + minor·100 + patch. */
    long version() throws BackendException {
        try {
            return (long) getVersion.invokeExact();
        } catch (Throwable t) {
            throw new BackendException("cublasLtGetVersion failed: " + t, t);
        }
    }

    /** What prepare made for one int8 GEMM: freed by {@link #close}, handle last. */
    record Int8Gemm(
            MemorySegment handle,
            MemorySegment desc,
            MemorySegment aLayout,
            MemorySegment bLayout,
            MemorySegment cLayout,
            MemorySegment algo,
            long algoWorkspaceBytes,
            Arena arena) {}

    /**
     * The descriptors, layouts and the heuristic's first algorithm for row-major C[M,N] (int32) = A[M,K]·B[K,N]
     * (int8), B given transposed (Bᵗ [N,K]); refused with cuBLASLt's reason where it has no algorithm.
     */
    Int8Gemm prepareInt8(int m, int n, int k, long workspaceBytes) throws BackendException {
        Arena arena = Arena.ofShared();
        MemorySegment h = MemorySegment.NULL, desc = MemorySegment.NULL;
        MemorySegment la = MemorySegment.NULL, lb = MemorySegment.NULL, lc = MemorySegment.NULL;
        MemorySegment pref = MemorySegment.NULL;
        boolean done = false;
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment out = tmp.allocate(P);
            check("cublasLtCreate", (int) create.invokeExact(out));
            h = out.get(P, 0);
            check("cublasLtMatmulDescCreate", (int) descCreate.invokeExact(out, COMPUTE_32I, R_32I));
            desc = out.get(P, 0);
            MemorySegment op = tmp.allocateFrom(I, OP_T);
            check("cublasLtMatmulDescSetAttribute(TRANSA)", (int) descSet.invokeExact(desc, DESC_TRANSA, op, 4L));
            op = tmp.allocateFrom(I, OP_N);
            check("cublasLtMatmulDescSetAttribute(TRANSB)", (int) descSet.invokeExact(desc, DESC_TRANSB, op, 4L));
            // first operand: Bt stored K x N column-major (ld K), op T; second: A stored K x M (ld K), op N
            check("cublasLtMatrixLayoutCreate(B)", (int)
                    layoutCreate.invokeExact(out, R_8I, (long) k, (long) n, (long) k));
            lb = out.get(P, 0);
            check("cublasLtMatrixLayoutCreate(A)", (int)
                    layoutCreate.invokeExact(out, R_8I, (long) k, (long) m, (long) k));
            la = out.get(P, 0);
            check("cublasLtMatrixLayoutCreate(C)", (int)
                    layoutCreate.invokeExact(out, R_32I, (long) n, (long) m, (long) n));
            lc = out.get(P, 0);
            check("cublasLtMatmulPreferenceCreate", (int) prefCreate.invokeExact(out));
            pref = out.get(P, 0);
            MemorySegment ws = tmp.allocateFrom(J, workspaceBytes);
            check("cublasLtMatmulPreferenceSetAttribute", (int)
                    prefSet.invokeExact(pref, PREF_MAX_WORKSPACE_BYTES, ws, 8L));
            MemorySegment results =
                    tmp.allocate(MemoryLayout.sequenceLayout(HEURISTIC_RESULT_BYTES, ValueLayout.JAVA_BYTE));
            MemorySegment count = tmp.allocate(I);
            check("cublasLtMatmulAlgoGetHeuristic", (int)
                    heuristic.invokeExact(h, desc, lb, la, lc, lc, pref, 1, results, count));
            if (count.get(I, 0) < 1) {
                throw new BackendException(
                        "cuBLASLt has no int8 algorithm (CUBLAS_COMPUTE_32I, TN) for M=" + m + " N=" + n + " K=" + k);
            }
            MemorySegment algo = arena.allocate(ALGO_BYTES, 8);
            algo.copyFrom(results.asSlice(0, ALGO_BYTES));
            long algoWorkspace = results.get(J, ALGO_BYTES);
            check("cublasLtMatmulPreferenceDestroy", (int) prefDestroy.invokeExact(pref));
            pref = MemorySegment.NULL;
            done = true;
            return new Int8Gemm(h, desc, la, lb, lc, algo, algoWorkspace, arena);
        } catch (BackendException e) {
            throw e;
        } catch (Throwable t) {
            throw new BackendException("cuBLASLt int8 GEMM: " + t.getMessage(), t);
        } finally {
            if (!done) {
                release(pref, prefDestroy);
                release(lc, layoutDestroy);
                release(la, layoutDestroy);
                release(lb, layoutDestroy);
                release(desc, descDestroy);
                release(h, destroy);
                arena.close();
            }
        }
    }

    /** One cublasLtMatmul on {@code stream}: C = 1·(Bᵗ)ᵀ·A + 0·C, int32 alpha and beta. */
    void matmul(
            Int8Gemm g,
            MemorySegment one,
            MemorySegment zero,
            long a,
            long bt,
            long c,
            long workspace,
            long workspaceBytes,
            long stream) {
        try {
            check("cublasLtMatmul", (int) matmul.invokeExact(
                    g.handle(),
                    g.desc(),
                    one,
                    MemorySegment.ofAddress(bt),
                    g.bLayout(),
                    MemorySegment.ofAddress(a),
                    g.aLayout(),
                    zero,
                    MemorySegment.ofAddress(c),
                    g.cLayout(),
                    MemorySegment.ofAddress(c),
                    g.cLayout(),
                    g.algo(),
                    MemorySegment.ofAddress(workspace),
                    workspaceBytes,
                    MemorySegment.ofAddress(stream)));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Frees what {@link #prepareInt8} made; the handle last. */
    void close(Int8Gemm g) {
        RuntimeException first = null;
        for (Runnable r : java.util.List.<Runnable>of(
                () -> free(g.cLayout(), layoutDestroy, "cublasLtMatrixLayoutDestroy"),
                () -> free(g.aLayout(), layoutDestroy, "cublasLtMatrixLayoutDestroy"),
                () -> free(g.bLayout(), layoutDestroy, "cublasLtMatrixLayoutDestroy"),
                () -> free(g.desc(), descDestroy, "cublasLtMatmulDescDestroy"),
                () -> free(g.handle(), destroy, "cublasLtDestroy"),
                g.arena()::close)) {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void free(MemorySegment s, MethodHandle destroyer, String call) {
        try {
            int status = (int) destroyer.invokeExact(s);
            if (status != 0) {
                throw new IllegalStateException(call + " returned " + Cublas.statusName(status));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void release(MemorySegment s, MethodHandle destroyer) {
        if (s.address() != 0) {
            try {
                int ignored = (int) destroyer.invokeExact(s);
            } catch (Throwable ignored) {
                // releasing after a failure: the failure is what is reported
            }
        }
    }

    private static void check(String call, int status) {
        if (status != 0) {
            throw new Cublas.BackendExceptionUnchecked(call + " returned " + Cublas.statusName(status));
        }
    }
}
