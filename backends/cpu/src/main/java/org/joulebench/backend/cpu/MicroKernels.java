package org.joulebench.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked fp32 GEMM micro-kernels every matrix kernel of this backend ends in: C[mr×NR]
 * (+)= A[mr×kc]·B[kc×NR] with the mr×2 vector accumulators held in registers across the whole k loop.
 * Per k step a kernel loads two vectors of a B row and broadcasts mr values of an A column straight from
 * memory ({@code vbroadcastss zmm, [mem]} with AVX-512), so 2·mr FMAs cost mr + 2 loads.
 *
 * <p>Layouts: A is packed k-major in strips {@link Simd#MR} high, {@code a[aOff + p·MR + r]} for row r
 * and step p; B is packed in panels {@link Simd#NR} wide, {@code b[bOff + p·NR + j]}; C rows are
 * {@code ldc} apart. {@code accumulate} adds to C instead of overwriting it. The strides of A and B are
 * constants on purpose: the JIT removes the array bounds checks from the k loop only for indices that
 * are a constant multiple of the loop variable; with a variable stride every access keeps its check, and
 * the 24 accumulators are spilled to the stack at each (for deoptimisation), about 50 times slower. The
 * bodies are one pattern unrolled by rows (written out because the JIT keeps accumulators in registers
 * only when they are separate locals), with nothing that could make a vector escape: passing the
 * accumulators to a helper method that is not inlined (the kernels are far above the inlining size)
 * makes the JIT box every vector, allocating in the loop.
 */
final class MicroKernels {
    private static final VectorSpecies<Float> S = Simd.F;
    private static final int L = Simd.L, MR = Simd.MR, NR = Simd.NR;

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
            float[] b,
            int bOff,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        switch (rows) {
            case 12 -> k12(a, aOff, b, bOff, c, cOff, ldc, kc, accumulate);
            case 8 -> k8(a, aOff, b, bOff, c, cOff, ldc, kc, accumulate);
            case 6 -> k6(a, aOff, b, bOff, c, cOff, ldc, kc, accumulate);
            case 4 -> k4(a, aOff, b, bOff, c, cOff, ldc, kc, accumulate);
            case 2 -> k2(a, aOff, b, bOff, c, cOff, ldc, kc, accumulate);
            case 1 -> k1(a, aOff, b, bOff, c, cOff, ldc, kc, accumulate);
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
            float[] b,
            int bOff,
            float[] c,
            int cOff,
            int ldc,
            int kc,
            boolean accumulate) {
        int done = 0;
        while (done < rows) {
            int r = rowsOfKernel(rows - done);
            run(r, a, aOff + done, b, bOff, c, cOff + done * ldc, ldc, kc, accumulate);
            done += r;
        }
    }

    /** Times {@link #touch} found its magic value: never in practice; it exists so the loads are kept. */
    static int touched;

    /**
     * Loads the first, middle and last element of each of the tile's C rows (every cache line a row of NR floats can touch), so that the lines C is read from
     * at the end of the kernel (thousands of cycles later) are on their way to the cache now; Java has
     * no prefetch instruction, and a load whose value feeds a branch that is never taken costs next to
     * nothing. Without this, each kernel that accumulates waits at its end for C from memory.
     */
    static void touch(float[] c, int cOff, int ldc, int rows) {
        int bits = 0;
        for (int r = 0, o = cOff; r < rows; r++, o += ldc) {
            bits |= Float.floatToRawIntBits(c[o])
                    ^ Float.floatToRawIntBits(c[o + L])
                    ^ Float.floatToRawIntBits(c[o + NR - 1]);
        }
        if (bits == 0x7fc0_0001) {
            touched++;
        }
    }

    /** C[12×NR] (+)= A[12×kc]·B[kc×NR]. */
    static void k12(
            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, int kc, boolean accumulate) {
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
        if (accumulate) {
            touch(c, cOff, ldc, 12);
        }
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR, ai = aOff + p * MR;
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
            FloatVector.fromArray(S, c, cOff).add(c00).intoArray(c, cOff);
            FloatVector.fromArray(S, c, cOff + L).add(c01).intoArray(c, cOff + L);
            FloatVector.fromArray(S, c, cOff + ldc).add(c10).intoArray(c, cOff + ldc);
            FloatVector.fromArray(S, c, cOff + ldc + L).add(c11).intoArray(c, cOff + ldc + L);
            FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c20).intoArray(c, cOff + 2 * ldc);
            FloatVector.fromArray(S, c, cOff + 2 * ldc + L).add(c21).intoArray(c, cOff + 2 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c30).intoArray(c, cOff + 3 * ldc);
            FloatVector.fromArray(S, c, cOff + 3 * ldc + L).add(c31).intoArray(c, cOff + 3 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 4 * ldc).add(c40).intoArray(c, cOff + 4 * ldc);
            FloatVector.fromArray(S, c, cOff + 4 * ldc + L).add(c41).intoArray(c, cOff + 4 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 5 * ldc).add(c50).intoArray(c, cOff + 5 * ldc);
            FloatVector.fromArray(S, c, cOff + 5 * ldc + L).add(c51).intoArray(c, cOff + 5 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 6 * ldc).add(c60).intoArray(c, cOff + 6 * ldc);
            FloatVector.fromArray(S, c, cOff + 6 * ldc + L).add(c61).intoArray(c, cOff + 6 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 7 * ldc).add(c70).intoArray(c, cOff + 7 * ldc);
            FloatVector.fromArray(S, c, cOff + 7 * ldc + L).add(c71).intoArray(c, cOff + 7 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 8 * ldc).add(c80).intoArray(c, cOff + 8 * ldc);
            FloatVector.fromArray(S, c, cOff + 8 * ldc + L).add(c81).intoArray(c, cOff + 8 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 9 * ldc).add(c90).intoArray(c, cOff + 9 * ldc);
            FloatVector.fromArray(S, c, cOff + 9 * ldc + L).add(c91).intoArray(c, cOff + 9 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 10 * ldc).add(c100).intoArray(c, cOff + 10 * ldc);
            FloatVector.fromArray(S, c, cOff + 10 * ldc + L).add(c101).intoArray(c, cOff + 10 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 11 * ldc).add(c110).intoArray(c, cOff + 11 * ldc);
            FloatVector.fromArray(S, c, cOff + 11 * ldc + L).add(c111).intoArray(c, cOff + 11 * ldc + L);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + L);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + L);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + L);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + L);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + L);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + L);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + L);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + L);
            c80.intoArray(c, cOff + 8 * ldc);
            c81.intoArray(c, cOff + 8 * ldc + L);
            c90.intoArray(c, cOff + 9 * ldc);
            c91.intoArray(c, cOff + 9 * ldc + L);
            c100.intoArray(c, cOff + 10 * ldc);
            c101.intoArray(c, cOff + 10 * ldc + L);
            c110.intoArray(c, cOff + 11 * ldc);
            c111.intoArray(c, cOff + 11 * ldc + L);
        }
    }

    /** C[8×NR] (+)= A[8×kc]·B[kc×NR]. */
    static void k8(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, int kc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        if (accumulate) {
            touch(c, cOff, ldc, 8);
        }
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR, ai = aOff + p * MR;
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
            FloatVector.fromArray(S, c, cOff).add(c00).intoArray(c, cOff);
            FloatVector.fromArray(S, c, cOff + L).add(c01).intoArray(c, cOff + L);
            FloatVector.fromArray(S, c, cOff + ldc).add(c10).intoArray(c, cOff + ldc);
            FloatVector.fromArray(S, c, cOff + ldc + L).add(c11).intoArray(c, cOff + ldc + L);
            FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c20).intoArray(c, cOff + 2 * ldc);
            FloatVector.fromArray(S, c, cOff + 2 * ldc + L).add(c21).intoArray(c, cOff + 2 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c30).intoArray(c, cOff + 3 * ldc);
            FloatVector.fromArray(S, c, cOff + 3 * ldc + L).add(c31).intoArray(c, cOff + 3 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 4 * ldc).add(c40).intoArray(c, cOff + 4 * ldc);
            FloatVector.fromArray(S, c, cOff + 4 * ldc + L).add(c41).intoArray(c, cOff + 4 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 5 * ldc).add(c50).intoArray(c, cOff + 5 * ldc);
            FloatVector.fromArray(S, c, cOff + 5 * ldc + L).add(c51).intoArray(c, cOff + 5 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 6 * ldc).add(c60).intoArray(c, cOff + 6 * ldc);
            FloatVector.fromArray(S, c, cOff + 6 * ldc + L).add(c61).intoArray(c, cOff + 6 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 7 * ldc).add(c70).intoArray(c, cOff + 7 * ldc);
            FloatVector.fromArray(S, c, cOff + 7 * ldc + L).add(c71).intoArray(c, cOff + 7 * ldc + L);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + L);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + L);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + L);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + L);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + L);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + L);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + L);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + L);
        }
    }

    /** C[6×NR] (+)= A[6×kc]·B[kc×NR]. */
    static void k6(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, int kc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        if (accumulate) {
            touch(c, cOff, ldc, 6);
        }
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR, ai = aOff + p * MR;
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
            FloatVector.fromArray(S, c, cOff).add(c00).intoArray(c, cOff);
            FloatVector.fromArray(S, c, cOff + L).add(c01).intoArray(c, cOff + L);
            FloatVector.fromArray(S, c, cOff + ldc).add(c10).intoArray(c, cOff + ldc);
            FloatVector.fromArray(S, c, cOff + ldc + L).add(c11).intoArray(c, cOff + ldc + L);
            FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c20).intoArray(c, cOff + 2 * ldc);
            FloatVector.fromArray(S, c, cOff + 2 * ldc + L).add(c21).intoArray(c, cOff + 2 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c30).intoArray(c, cOff + 3 * ldc);
            FloatVector.fromArray(S, c, cOff + 3 * ldc + L).add(c31).intoArray(c, cOff + 3 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 4 * ldc).add(c40).intoArray(c, cOff + 4 * ldc);
            FloatVector.fromArray(S, c, cOff + 4 * ldc + L).add(c41).intoArray(c, cOff + 4 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 5 * ldc).add(c50).intoArray(c, cOff + 5 * ldc);
            FloatVector.fromArray(S, c, cOff + 5 * ldc + L).add(c51).intoArray(c, cOff + 5 * ldc + L);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + L);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + L);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + L);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + L);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + L);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + L);
        }
    }

    /** C[4×NR] (+)= A[4×kc]·B[kc×NR]. */
    static void k4(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, int kc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        if (accumulate) {
            touch(c, cOff, ldc, 4);
        }
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR, ai = aOff + p * MR;
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
            FloatVector.fromArray(S, c, cOff).add(c00).intoArray(c, cOff);
            FloatVector.fromArray(S, c, cOff + L).add(c01).intoArray(c, cOff + L);
            FloatVector.fromArray(S, c, cOff + ldc).add(c10).intoArray(c, cOff + ldc);
            FloatVector.fromArray(S, c, cOff + ldc + L).add(c11).intoArray(c, cOff + ldc + L);
            FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c20).intoArray(c, cOff + 2 * ldc);
            FloatVector.fromArray(S, c, cOff + 2 * ldc + L).add(c21).intoArray(c, cOff + 2 * ldc + L);
            FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c30).intoArray(c, cOff + 3 * ldc);
            FloatVector.fromArray(S, c, cOff + 3 * ldc + L).add(c31).intoArray(c, cOff + 3 * ldc + L);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + L);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + L);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + L);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + L);
        }
    }

    /** C[2×NR] (+)= A[2×kc]·B[kc×NR]. */
    static void k2(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, int kc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        if (accumulate) {
            touch(c, cOff, ldc, 2);
        }
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR, ai = aOff + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
        }
        if (accumulate) {
            FloatVector.fromArray(S, c, cOff).add(c00).intoArray(c, cOff);
            FloatVector.fromArray(S, c, cOff + L).add(c01).intoArray(c, cOff + L);
            FloatVector.fromArray(S, c, cOff + ldc).add(c10).intoArray(c, cOff + ldc);
            FloatVector.fromArray(S, c, cOff + ldc + L).add(c11).intoArray(c, cOff + ldc + L);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + L);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + L);
        }
    }

    /** C[1×NR] (+)= A[1×kc]·B[kc×NR]. */
    static void k1(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, int kc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        if (accumulate) {
            touch(c, cOff, ldc, 1);
        }
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR, ai = aOff + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
        }
        if (accumulate) {
            FloatVector.fromArray(S, c, cOff).add(c00).intoArray(c, cOff);
            FloatVector.fromArray(S, c, cOff + L).add(c01).intoArray(c, cOff + L);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + L);
        }
    }
}
