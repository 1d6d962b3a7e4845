package org.joulebench.backend.cpu.openblas;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine's OpenBLAS through the Java FFM API: row-major {@code cblas_sgemm}, {@code cblas_sgemv},
 * {@code cblas_sbgemm}/{@code cblas_shgemm} where the library has them, and its thread count, build
 * configuration and chosen core type. Arrays are passed to the library in place (critical downcalls
 * with heap access), so a call copies nothing and its time is the library's.
 *
 * <p>Both symbol conventions are understood: the plain LP64 one of distribution packages (Debian's
 * {@code libopenblas0}: {@code cblas_sgemm}, 32-bit integers) and the prefixed ILP64 one of the
 * {@code scipy-openblas} wheels that numpy bundles ({@code scipy_cblas_sgemm64_}, 64-bit integers).
 *
 * <p>The library is looked for, in order, at the path of the system property
 * {@value #PATH_PROPERTY}, of the environment variable {@value #PATH_ENV}, then at the usual Debian,
 * Fedora and generic locations (see {@link #candidates}). Nothing here depends on the backend SPI.
 */
public final class OpenBlas {
    public static final String PATH_PROPERTY = "joulebench.openblas.path";
    public static final String PATH_ENV = "JOULEBENCH_OPENBLAS";

    /** Environment variables that change which kernels OpenBLAS uses; a run should say when they are set. */
    public static final List<String> TUNING_ENV = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    // CBLAS enum values (cblas.h)
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    /** How the library names its symbols and how wide its integers are. */
    private record Naming(String prefix, String suffix, boolean ilp64) {
        String symbol(String name) {
            return prefix + name + suffix;
        }
    }

    private static final List<Naming> NAMINGS =
            List.of(new Naming("", "", false), new Naming("", "64_", true), new Naming("scipy_", "64_", true));

    /** Whether the library can be used here, and why not when it cannot. */
    public record Availability(boolean available, String reason, Optional<Path> library) {}

    private final Path library;
    private final Naming naming;
    private final MethodHandle sgemm, sgemv, setNumThreads, getNumThreads, getConfig, getCorename;
    private final MethodHandle sbgemm, shgemm; // null where the library lacks them

    private OpenBlas(Path library, SymbolLookup lookup, Naming naming) {
        this.library = library;
        this.naming = naming;
        Linker linker = Linker.nativeLinker();
        ValueLayout idx = naming.ilp64 ? ValueLayout.JAVA_LONG : ValueLayout.JAVA_INT;
        ValueLayout i32 = ValueLayout.JAVA_INT, f32 = ValueLayout.JAVA_FLOAT;
        MemoryLayout ptr = ValueLayout.ADDRESS;
        Linker.Option critical = Linker.Option.critical(true);
        // enum arguments (order, trans) are C ints in both conventions; sizes and strides are blasint
        FunctionDescriptor gemm =
                FunctionDescriptor.ofVoid(i32, i32, i32, idx, idx, idx, f32, ptr, idx, ptr, idx, f32, ptr, idx);
        sgemm = linker.downcallHandle(require(lookup, "cblas_sgemm"), gemm, critical);
        sgemv = linker.downcallHandle(
                require(lookup, "cblas_sgemv"),
                FunctionDescriptor.ofVoid(i32, i32, idx, idx, f32, ptr, idx, ptr, idx, f32, ptr, idx),
                critical);
        sbgemm = optional(lookup, "cblas_sbgemm")
                .map(s -> linker.downcallHandle(s, gemm, critical))
                .orElse(null);
        shgemm = optional(lookup, "cblas_shgemm")
                .map(s -> linker.downcallHandle(s, gemm, critical))
                .orElse(null);
        // openblas_set_num_threads(int) takes a C int in every build
        setNumThreads =
                linker.downcallHandle(require(lookup, "openblas_set_num_threads"), FunctionDescriptor.ofVoid(i32));
        getNumThreads = linker.downcallHandle(require(lookup, "openblas_get_num_threads"), FunctionDescriptor.of(i32));
        getConfig = linker.downcallHandle(require(lookup, "openblas_get_config"), FunctionDescriptor.of(ptr));
        getCorename = linker.downcallHandle(require(lookup, "openblas_get_corename"), FunctionDescriptor.of(ptr));
    }

    private MemorySegment require(SymbolLookup lookup, String name) {
        return optional(lookup, name)
                .orElseThrow(() -> new IllegalStateException(library + " has no symbol " + naming.symbol(name)));
    }

    private Optional<MemorySegment> optional(SymbolLookup lookup, String name) {
        return lookup.find(naming.symbol(name));
    }

    /** Where the library is looked for, in order. */
    public static List<Path> candidates() {
        return candidates(System.getProperty(PATH_PROPERTY), System.getenv(PATH_ENV));
    }

    static List<Path> candidates(String property, String env) {
        List<Path> out = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            out.add(Path.of(property));
        }
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
        }
        String triple = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            default -> System.getProperty("os.arch") + "-linux-gnu";
        };
        for (String dir : List.of(
                "/usr/lib/" + triple,
                "/usr/lib/" + triple + "/openblas-pthread",
                "/usr/lib/" + triple + "/openblas-openmp",
                "/usr/lib/" + triple + "/openblas-serial",
                "/usr/lib64",
                "/usr/lib",
                "/usr/local/lib",
                "/opt/OpenBLAS/lib")) {
            out.add(Path.of(dir, "libopenblas.so.0"));
        }
        out.add(Path.of("/usr/local/lib/libopenblas.so"));
        out.add(Path.of("/opt/OpenBLAS/lib/libopenblas.so"));
        return out;
    }

    /** The first candidate library that loads, or the reasons none did. */
    public static Availability availability() {
        return Holder.FOUND.availability();
    }

    /** The library this JVM found (see {@link #availability()}); loaded once. */
    public static OpenBlas get() {
        OpenBlas blas = Holder.FOUND.blas();
        if (blas == null) {
            throw new IllegalStateException(
                    "OpenBLAS is unavailable: " + Holder.FOUND.availability().reason());
        }
        return blas;
    }

    private record Found(OpenBlas blas, Availability availability) {}

    private static final class Holder {
        static final Found FOUND = find(candidates());
    }

    private static Found find(List<Path> candidates) {
        List<String> tried = new ArrayList<>();
        for (Path p : candidates) {
            if (!Files.exists(p)) {
                tried.add(p + " (absent)");
                continue;
            }
            try {
                OpenBlas blas = open(p);
                System.Logger log = System.getLogger(OpenBlas.class.getName());
                for (String w : environmentWarnings()) {
                    log.log(System.Logger.Level.WARNING, w);
                }
                return new Found(blas, new Availability(true, blas.describe(), Optional.of(p)));
            } catch (RuntimeException e) {
                tried.add(p + " (" + e.getMessage() + ")");
            }
        }
        return new Found(
                null,
                new Availability(
                        false,
                        "no OpenBLAS library found (install Debian's libopenblas0, or set -D" + PATH_PROPERTY + " or "
                                + PATH_ENV + "); tried " + String.join(", ", tried),
                        Optional.empty()));
    }

    /**
     * Loads the OpenBLAS at {@code library} (kept loaded for the life of the JVM).
     *
     * @throws IllegalArgumentException when it cannot be loaded or is not an OpenBLAS, with the reason
     */
    public static OpenBlas open(Path library) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load " + library + ": " + e.getMessage(), e);
        }
        for (Naming naming : NAMINGS) {
            if (lookup.find(naming.symbol("cblas_sgemm")).isPresent()) {
                try {
                    return new OpenBlas(library, lookup, naming);
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException(library + " has no cblas_sgemm (not an OpenBLAS)");
    }

    public Path library() {
        return library;
    }

    /** Whether sizes are 64-bit (an ILP64 build such as numpy's scipy-openblas). */
    public boolean ilp64() {
        return naming.ilp64;
    }

    public boolean hasSbgemm() {
        return sbgemm != null;
    }

    public boolean hasShgemm() {
        return shgemm != null;
    }

    /** The build configuration string, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64". */
    public String config() {
        return string(getConfig);
    }

    /** The core type whose kernels this process uses (chosen at load, or forced by OPENBLAS_CORETYPE). */
    public String coreName() {
        return string(getCorename);
    }

    private static String string(MethodHandle h) {
        try {
            return ((MemorySegment) h.invokeExact()).reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void setNumThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        try {
            setNumThreads.invokeExact(threads);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int numThreads() {
        try {
            return (int) getNumThreads.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Warnings about environment variables that force OpenBLAS's kernel choice (empty when none is set). */
    public static List<String> environmentWarnings() {
        return environmentWarnings(System.getenv());
    }

    static List<String> environmentWarnings(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String name : TUNING_ENV) {
            String v = env.get(name);
            if (v != null) {
                out.add(name + "=" + v + " is set: it overrides OpenBLAS's own choice of kernels and cache sizes,"
                        + " so its speed may not be this machine's best");
            }
        }
        return out;
    }

    /** One line for records and logs: path, configuration, core type, threads, sbgemm/shgemm presence. */
    public String describe() {
        return "OpenBLAS at " + library + " (" + config().strip() + "; core " + coreName() + "; " + numThreads()
                + " threads" + (ilp64() ? "; ILP64" : "") + "; sbgemm " + (hasSbgemm() ? "yes" : "no")
                + "; shgemm " + (hasShgemm() ? "yes" : "no") + ")";
    }

    /** C[m×n] = A[m×k]·B[k×n], all row-major and dense (a thin form of {@link #sgemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int, int)}). */
    public void sgemm(int m, int n, int k, float[] a, float[] b, float[] c) {
        sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }

    /**
     * C = alpha·op(A)·op(B) + beta·C, row-major, with element offsets into the arrays and leading
     * dimensions (row strides) lda, ldb, ldc.
     */
    public void sgemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOffset,
            int lda,
            float[] b,
            int bOffset,
            int ldb,
            float beta,
            float[] c,
            int cOffset,
            int ldc) {
        checkMatrix("A", a.length, aOffset, transA ? k : m, transA ? m : k, lda);
        checkMatrix("B", b.length, bOffset, transB ? n : k, transB ? k : n, ldb);
        checkMatrix("C", c.length, cOffset, m, n, ldc);
        gemm(
                sgemm,
                transA,
                transB,
                m,
                n,
                k,
                alpha,
                MemorySegment.ofArray(a).asSlice(4L * aOffset),
                lda,
                MemorySegment.ofArray(b).asSlice(4L * bOffset),
                ldb,
                beta,
                MemorySegment.ofArray(c).asSlice(4L * cOffset),
                ldc);
    }

    /** bf16 inputs (as raw bits), fp32 output C = A·B, row-major dense; only where {@link #hasSbgemm()}. */
    public void sbgemm(int m, int n, int k, short[] a, short[] b, float[] c) {
        halfGemm(sbgemm, "cblas_sbgemm", m, n, k, a, b, c);
    }

    /** fp16 inputs (as raw bits), fp32 output C = A·B, row-major dense; only where {@link #hasShgemm()}. */
    public void shgemm(int m, int n, int k, short[] a, short[] b, float[] c) {
        halfGemm(shgemm, "cblas_shgemm", m, n, k, a, b, c);
    }

    private void halfGemm(MethodHandle h, String name, int m, int n, int k, short[] a, short[] b, float[] c) {
        if (h == null) {
            throw new UnsupportedOperationException(library + " has no " + naming.symbol(name));
        }
        checkMatrix("A", a.length, 0, m, k, k);
        checkMatrix("B", b.length, 0, k, n, n);
        checkMatrix("C", c.length, 0, m, n, n);
        gemm(
                h,
                false,
                false,
                m,
                n,
                k,
                1f,
                MemorySegment.ofArray(a),
                k,
                MemorySegment.ofArray(b),
                n,
                0f,
                MemorySegment.ofArray(c),
                n);
    }

    private void gemm(
            MethodHandle h,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            MemorySegment a,
            int lda,
            MemorySegment b,
            int ldb,
            float beta,
            MemorySegment c,
            int ldc) {
        int ta = transA ? TRANS : NO_TRANS, tb = transB ? TRANS : NO_TRANS;
        try {
            if (naming.ilp64) {
                h.invokeExact(
                        ROW_MAJOR,
                        ta,
                        tb,
                        (long) m,
                        (long) n,
                        (long) k,
                        alpha,
                        a,
                        (long) lda,
                        b,
                        (long) ldb,
                        beta,
                        c,
                        (long) ldc);
            } else {
                h.invokeExact(ROW_MAJOR, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** y[m] = A[m×k]·x[k], row-major dense. */
    public void sgemv(int m, int k, float[] a, float[] x, float[] y) {
        checkMatrix("A", a.length, 0, m, k, k);
        checkMatrix("x", x.length, 0, 1, k, k);
        checkMatrix("y", y.length, 0, 1, m, m);
        MemorySegment sa = MemorySegment.ofArray(a), sx = MemorySegment.ofArray(x), sy = MemorySegment.ofArray(y);
        try {
            if (naming.ilp64) {
                sgemv.invokeExact(ROW_MAJOR, NO_TRANS, (long) m, (long) k, 1f, sa, (long) k, sx, 1L, 0f, sy, 1L);
            } else {
                sgemv.invokeExact(ROW_MAJOR, NO_TRANS, m, k, 1f, sa, k, sx, 1, 0f, sy, 1);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Refuses a matrix the library would read or write outside its array. */
    private static void checkMatrix(String name, int length, int offset, int rows, int cols, int ld) {
        if (rows < 0 || cols < 0 || offset < 0 || ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(
                    name + ": bad geometry rows=" + rows + " cols=" + cols + " ld=" + ld + " offset=" + offset);
        }
        long need = rows == 0 || cols == 0 ? 0 : offset + (long) (rows - 1) * ld + cols;
        if (need > length) {
            throw new IllegalArgumentException(name + ": " + rows + "×" + cols + " with row stride " + ld
                    + " from offset " + offset + " needs " + need + " elements, the array has " + length);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
