package org.joulebench.backend.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.joulebench.kernels.spi.BackendException;

/**
 * cuBLAS through the FFM API (loaded inside the fork only, from the library {@link CublasLocator} found): a
 * handle bound to the kernel's stream, a workspace we allocate (so its size is known and recorded), the math
 * mode, {@code cublasGemmEx} and {@code cublasSgemv_v2}. Row-major operands are passed as their column-major
 * transposes: C = A·B (row-major) is C^T = B^T·A^T (column-major), so no data is transposed.
 */
final class Cublas {
    static final int OP_N = 0;
    static final int OP_T = 1;
    static final int R_32F = 0;
    static final int R_16F = 2;
    static final int R_16BF = 14;
    /** CUBLAS_COMPUTE_32F: fp32 accumulation, no TF32 (our fp32 GEMM is true fp32 FMA too). */
    static final int COMPUTE_32F = 68;

    static final int GEMM_DEFAULT = -1;
    /** CUBLAS_DEFAULT_MATH: tensor cores for fp16/bf16 inputs, none for fp32 with COMPUTE_32F. */
    static final int DEFAULT_MATH = 0;
    /** The workspace we give each handle: NVIDIA recommends 32 MiB on Hopper (4 MiB suffices before). */
    static final long WORKSPACE_BYTES = 32L << 20;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final java.lang.foreign.AddressLayout P = ValueLayout.ADDRESS;

    private final Path library;
    private final MethodHandle create;
    private final MethodHandle destroy;
    private final MethodHandle setStream;
    private final MethodHandle setMathMode;
    private final MethodHandle getMathMode;
    private final MethodHandle setWorkspace;
    private final MethodHandle getProperty;
    private final MethodHandle gemmEx;
    private final MethodHandle sgemv;

    private Cublas(Path library, SymbolLookup lib) throws BackendException {
        this.library = library;
        create = handle(lib, "cublasCreate_v2", FunctionDescriptor.of(I, P));
        destroy = handle(lib, "cublasDestroy_v2", FunctionDescriptor.of(I, P));
        setStream = handle(lib, "cublasSetStream_v2", FunctionDescriptor.of(I, P, P));
        setMathMode = handle(lib, "cublasSetMathMode", FunctionDescriptor.of(I, P, I));
        getMathMode = handle(lib, "cublasGetMathMode", FunctionDescriptor.of(I, P, P));
        setWorkspace = handle(lib, "cublasSetWorkspace_v2", FunctionDescriptor.of(I, P, P, ValueLayout.JAVA_LONG));
        getProperty = handle(lib, "cublasGetProperty", FunctionDescriptor.of(I, I, P));
        gemmEx = handle(
                lib, "cublasGemmEx", FunctionDescriptor.of(I, P, I, I, I, I, I, P, P, I, I, P, I, I, P, P, I, I, I, I));
        sgemv = handle(lib, "cublasSgemv_v2", FunctionDescriptor.of(I, P, I, I, I, P, P, I, P, I, P, P, I));
    }

    private static Cublas loaded;

    /** Loads the library once per JVM (inside the fork). */
    static synchronized Cublas load(Path library) throws BackendException {
        if (loaded == null) {
            try {
                loaded = new Cublas(library, SymbolLookup.libraryLookup(library, Arena.global()));
            } catch (IllegalArgumentException e) {
                throw new BackendException("cannot load cuBLAS " + library + ": " + e.getMessage(), e);
            }
        }
        return loaded;
    }

    private static MethodHandle handle(SymbolLookup lib, String name, FunctionDescriptor d) throws BackendException {
        return LINKER.downcallHandle(
                lib.find(name).orElseThrow(() -> new BackendException("cuBLAS has no " + name)), d);
    }

    Path library() {
        return library;
    }

    /** major.minor.patch from cublasGetProperty. */
    String version() throws BackendException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(I);
            int[] parts = new int[3];
            for (int i = 0; i < 3; i++) {
                check("cublasGetProperty", (int) getProperty.invokeExact(i, v));
                parts[i] = v.get(I, 0);
            }
            return parts[0] + "." + parts[1] + "." + parts[2];
        } catch (BackendException e) {
            throw e;
        } catch (Throwable t) {
            throw new BackendException("cublasGetProperty failed: " + t, t);
        }
    }

    /** A handle on {@code stream} with {@code workspace} and the default math mode. */
    MemorySegment open(long stream, long workspace, long workspaceBytes) throws BackendException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(P);
            check("cublasCreate_v2", (int) create.invokeExact(out));
            MemorySegment h = out.get(P, 0);
            try {
                check("cublasSetStream_v2", (int) setStream.invokeExact(h, MemorySegment.ofAddress(stream)));
                check("cublasSetWorkspace_v2", (int)
                        setWorkspace.invokeExact(h, MemorySegment.ofAddress(workspace), workspaceBytes));
                check("cublasSetMathMode", (int) setMathMode.invokeExact(h, DEFAULT_MATH));
            } catch (BackendException e) {
                close(h);
                throw e;
            }
            return h;
        } catch (BackendException e) {
            throw e;
        } catch (Throwable t) {
            throw new BackendException("cuBLAS handle: " + t, t);
        }
    }

    int mathMode(MemorySegment handle) throws BackendException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(I);
            check("cublasGetMathMode", (int) getMathMode.invokeExact(handle, m));
            return m.get(I, 0);
        } catch (BackendException e) {
            throw e;
        } catch (Throwable t) {
            throw new BackendException("cublasGetMathMode: " + t, t);
        }
    }

    void close(MemorySegment handle) {
        try {
            int status = (int) destroy.invokeExact(handle);
            if (status != 0) {
                throw new IllegalStateException("cublasDestroy_v2 returned " + status);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Row-major C[M,N] (fp32) = A[M,K]·B[K,N] with A and B of {@code type}, fp32 accumulation. */
    void gemm(
            MemorySegment h,
            int type,
            int m,
            int n,
            int k,
            long a,
            long b,
            long c,
            MemorySegment one,
            MemorySegment zero) {
        try {
            check("cublasGemmEx", (int) gemmEx.invokeExact(
                    h,
                    OP_N,
                    OP_N,
                    n,
                    m,
                    k,
                    one,
                    MemorySegment.ofAddress(b),
                    type,
                    n,
                    MemorySegment.ofAddress(a),
                    type,
                    k,
                    zero,
                    MemorySegment.ofAddress(c),
                    R_32F,
                    n,
                    COMPUTE_32F,
                    GEMM_DEFAULT));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Row-major y[M] = A[M,K]·x[K], fp32: the column-major K×M transpose, transposed. */
    void gemv(MemorySegment h, int m, int k, long a, long x, long y, MemorySegment one, MemorySegment zero) {
        try {
            check("cublasSgemv_v2", (int) sgemv.invokeExact(
                    h,
                    OP_T,
                    k,
                    m,
                    one,
                    MemorySegment.ofAddress(a),
                    k,
                    MemorySegment.ofAddress(x),
                    1,
                    zero,
                    MemorySegment.ofAddress(y),
                    1));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void check(String call, int status) throws BackendExceptionUnchecked {
        if (status != 0) {
            throw new BackendExceptionUnchecked(call + " returned " + statusName(status));
        }
    }

    static String statusName(int s) {
        return switch (s) {
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "cuBLAS status " + s;
        };
    }

    /** A failed cuBLAS call (unchecked: it happens inside launches, where CUDA errors are unchecked too). */
    static final class BackendExceptionUnchecked extends IllegalStateException {
        BackendExceptionUnchecked(String message) {
            super(message);
        }
    }
}
