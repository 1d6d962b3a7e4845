package org.joulebench.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked fp32 GEMM micro-kernels every matrix kernel of this backend ends in: C[mr×NR]
 * (+)= A[mr×kc]·B[kc×NR] with the mr×2 vector accumulators held in registers across the whole k loop.
 * Per k step a kernel loads two vectors of a B row and broadcasts mr values of an A column straight from
 * memory ({@code vbroadcastss zmm, [mem]} with AVX-512), so 2·mr FMAs cost mr + 2 loads.
 *
 * <p>Layouts: A is "packed" k-major, {@code a[aOff + p·lda + r]} for row r and step p (lda ≥ mr, the
 * packed strip height); B rows are {@code ldb} apart, {@code b[bOff + p·ldb + j]}; C rows are {@code ldc}
 * apart. {@code accumulate} adds to C instead of overwriting it. The bodies are one pattern unrolled by
 * rows (written out because the JIT keeps accumulators in registers only when they are separate locals).
 */
final class MicroKernels {
    private static final VectorSpecies<Float> S = Simd.F;
    private static final int L = Simd.L;

    private MicroKernels() {}

    /** The kernel for {@code rows} rows (1 ≤ rows ≤ {@link Simd#MR}): the largest of 12, 8, 6, 4, 2, 1 not above it. */
    static int rowsOfKernel(int rows) {
        if (rows >= 12 && Simd.MR >= 12) {
            return 12;
        }
        if (rows >= 8 && Simd.MR >= 8) {
            return 8;
        }
        return rows >= 6 ? 6 : rows >= 4 ? 4 : rows >= 2 ? 2 : 1;
    }

    /** Runs the kernel of exactly {@code rows} rows ({@link #rowsOfKernel} of something). */
    static void run(
            int rows,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        switch (rows) {
            case 12 -> k12(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, kc, accumulate);
            case 8 -> k8(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, kc, accumulate);
            case 6 -> k6(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, kc, accumulate);
            case 4 -> k4(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, kc, accumulate);
            case 2 -> k2(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, kc, accumulate);
            case 1 -> k1(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, kc, accumulate);
            default -> throw new IllegalArgumentException("no micro-kernel of " + rows + " rows");
        }
    }

    /**
     * C[rows×NR] (+)= A·B for any 1 ≤ rows ≤ MR, as a sequence of kernels (a strip at the bottom edge of
     * a matrix, e.g. 11 rows = 8 + 2 + 1).
     */
    static void strip(
            int rows,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        int done = 0;
        while (done < rows) {
            int r = rowsOfKernel(rows - done);
            run(r, a, aOff + done, lda, b, bOff, ldb, c, cOff + done * ldc, ldc, kc, accumulate);
            done += r;
        }
    }

    private static void put(FloatVector v0, FloatVector v1, float[] c, int off) {
        v0.intoArray(c, off);
        v1.intoArray(c, off + L);
    }

    private static void add(FloatVector v0, FloatVector v1, float[] c, int off) {
        FloatVector.fromArray(S, c, off).add(v0).intoArray(c, off);
        FloatVector.fromArray(S, c, off + L).add(v1).intoArray(c, off + L);
    }

    /** C[12×NR] (+)= A[12×kc]·B[kc×NR]; A packed k-major with row stride lda, B rows ldb apart. */
    static void k12(
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * ldb, ai = aOff + p * lda;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
            FloatVector a8 = FloatVector.broadcast(S, a[ai + 8]);
            c80 = b0.fma(a8, c80);
            c81 = b1.fma(a8, c81);
            FloatVector a9 = FloatVector.broadcast(S, a[ai + 9]);
            c90 = b0.fma(a9, c90);
            c91 = b1.fma(a9, c91);
            FloatVector a10 = FloatVector.broadcast(S, a[ai + 10]);
            c100 = b0.fma(a10, c100);
            c101 = b1.fma(a10, c101);
            FloatVector a11 = FloatVector.broadcast(S, a[ai + 11]);
            c110 = b0.fma(a11, c110);
            c111 = b1.fma(a11, c111);
        }
        if (accumulate) {
            add(c00, c01, c, cOff);
            add(c10, c11, c, cOff + ldc);
            add(c20, c21, c, cOff + 2 * ldc);
            add(c30, c31, c, cOff + 3 * ldc);
            add(c40, c41, c, cOff + 4 * ldc);
            add(c50, c51, c, cOff + 5 * ldc);
            add(c60, c61, c, cOff + 6 * ldc);
            add(c70, c71, c, cOff + 7 * ldc);
            add(c80, c81, c, cOff + 8 * ldc);
            add(c90, c91, c, cOff + 9 * ldc);
            add(c100, c101, c, cOff + 10 * ldc);
            add(c110, c111, c, cOff + 11 * ldc);
        } else {
            put(c00, c01, c, cOff);
            put(c10, c11, c, cOff + ldc);
            put(c20, c21, c, cOff + 2 * ldc);
            put(c30, c31, c, cOff + 3 * ldc);
            put(c40, c41, c, cOff + 4 * ldc);
            put(c50, c51, c, cOff + 5 * ldc);
            put(c60, c61, c, cOff + 6 * ldc);
            put(c70, c71, c, cOff + 7 * ldc);
            put(c80, c81, c, cOff + 8 * ldc);
            put(c90, c91, c, cOff + 9 * ldc);
            put(c100, c101, c, cOff + 10 * ldc);
            put(c110, c111, c, cOff + 11 * ldc);
        }
    }

    /** C[8×NR] (+)= A[8×kc]·B[kc×NR]; A packed k-major with row stride lda, B rows ldb apart. */
    static void k8(
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * ldb, ai = aOff + p * lda;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
        }
        if (accumulate) {
            add(c00, c01, c, cOff);
            add(c10, c11, c, cOff + ldc);
            add(c20, c21, c, cOff + 2 * ldc);
            add(c30, c31, c, cOff + 3 * ldc);
            add(c40, c41, c, cOff + 4 * ldc);
            add(c50, c51, c, cOff + 5 * ldc);
            add(c60, c61, c, cOff + 6 * ldc);
            add(c70, c71, c, cOff + 7 * ldc);
        } else {
            put(c00, c01, c, cOff);
            put(c10, c11, c, cOff + ldc);
            put(c20, c21, c, cOff + 2 * ldc);
            put(c30, c31, c, cOff + 3 * ldc);
            put(c40, c41, c, cOff + 4 * ldc);
            put(c50, c51, c, cOff + 5 * ldc);
            put(c60, c61, c, cOff + 6 * ldc);
            put(c70, c71, c, cOff + 7 * ldc);
        }
    }

    /** C[6×NR] (+)= A[6×kc]·B[kc×NR]; A packed k-major with row stride lda, B rows ldb apart. */
    static void k6(
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * ldb, ai = aOff + p * lda;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
        }
        if (accumulate) {
            add(c00, c01, c, cOff);
            add(c10, c11, c, cOff + ldc);
            add(c20, c21, c, cOff + 2 * ldc);
            add(c30, c31, c, cOff + 3 * ldc);
            add(c40, c41, c, cOff + 4 * ldc);
            add(c50, c51, c, cOff + 5 * ldc);
        } else {
            put(c00, c01, c, cOff);
            put(c10, c11, c, cOff + ldc);
            put(c20, c21, c, cOff + 2 * ldc);
            put(c30, c31, c, cOff + 3 * ldc);
            put(c40, c41, c, cOff + 4 * ldc);
            put(c50, c51, c, cOff + 5 * ldc);
        }
    }

    /** C[4×NR] (+)= A[4×kc]·B[kc×NR]; A packed k-major with row stride lda, B rows ldb apart. */
    static void k4(
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * ldb, ai = aOff + p * lda;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        if (accumulate) {
            add(c00, c01, c, cOff);
            add(c10, c11, c, cOff + ldc);
            add(c20, c21, c, cOff + 2 * ldc);
            add(c30, c31, c, cOff + 3 * ldc);
        } else {
            put(c00, c01, c, cOff);
            put(c10, c11, c, cOff + ldc);
            put(c20, c21, c, cOff + 2 * ldc);
            put(c30, c31, c, cOff + 3 * ldc);
        }
    }

    /** C[2×NR] (+)= A[2×kc]·B[kc×NR]; A packed k-major with row stride lda, B rows ldb apart. */
    static void k2(
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * ldb, ai = aOff + p * lda;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
        }
        if (accumulate) {
            add(c00, c01, c, cOff);
            add(c10, c11, c, cOff + ldc);
        } else {
            put(c00, c01, c, cOff);
            put(c10, c11, c, cOff + ldc);
        }
    }

    /** C[1×NR] (+)= A[1×kc]·B[kc×NR]; A packed k-major with row stride lda, B rows ldb apart. */
    static void k1(
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * ldb, ai = aOff + p * lda;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
        }
        if (accumulate) {
            add(c00, c01, c, cOff);
        } else {
            put(c00, c01, c, cOff);
        }
    }
}
