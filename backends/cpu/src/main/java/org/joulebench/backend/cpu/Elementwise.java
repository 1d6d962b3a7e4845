package org.joulebench.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * Elementwise kernels over N elements in vector lanes: GELU (tanh form, written as x·σ(2u) so one
 * exp serves), SiLU x·σ(x), the STREAM triad a = b + alpha·c, and a plain copy (not in the
 * catalogue: the ratio benchmark's ceiling for kernels that read one stream and write one). One pass; tiles of
 * {@value #CHUNK} elements.
 */
final class Elementwise extends CpuKernel {
    enum Op {
        GELU,
        SILU,
        TRIAD,
        /** out = in: not a catalogue kernel; the ratio benchmark's 1-read-1-write memory ceiling. */
        COPY
    }

    private static final int CHUNK = 32_768;
    private static final int L = Simd.L;
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

    private final Op op;
    private final int count;
    private final float alpha;
    private final float[] in, in2, out;

    Elementwise(CpuThreads pool, Op op, String outputName, int count, float[] in, float[] in2, double alpha) {
        super(outputName, new int[] {count});
        this.op = op;
        this.count = count;
        this.in = in;
        this.in2 = in2;
        this.alpha = (float) alpha;
        this.out = new float[count];
        tiles(pool, ceilDiv(count, CHUNK));
    }

    @Override
    void tile(int tile, int worker) {
        int i0 = tile * CHUNK, i1 = Math.min(count, i0 + CHUNK);
        switch (op) {
            case GELU -> gelu(i0, i1);
            case SILU -> silu(i0, i1);
            case TRIAD -> triad(i0, i1);
            case COPY -> copy(i0, i1);
        }
    }

    /**
     * 0.5·x·(1 + tanh(u)) = x / (1 + exp(−2u)) with u = √(2/π)·(x + 0.044715·x³): the same function
     * without the cancellation of 1 + tanh(u) for negative u; exp overflowing to ∞ gives the right −0.
     */
    private void gelu(int i0, int i1) {
        FloatVector c1 = FloatVector.broadcast(Simd.F, -2f * SQRT_2_OVER_PI);
        FloatVector c3 = FloatVector.broadcast(Simd.F, -2f * SQRT_2_OVER_PI * 0.044715f);
        FloatVector one = FloatVector.broadcast(Simd.F, 1f);
        int i = i0;
        for (; i + L <= i1; i += L) {
            FloatVector v = FloatVector.fromArray(Simd.F, in, i);
            FloatVector t = v.mul(v).fma(c3, c1).mul(v); // −2u
            v.div(VectorMath.exp(t).add(one)).intoArray(out, i);
        }
        for (; i < i1; i++) {
            float v = in[i];
            out[i] = 0.5f * v * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v)));
        }
    }

    private void silu(int i0, int i1) {
        FloatVector one = FloatVector.broadcast(Simd.F, 1f);
        int i = i0;
        for (; i + L <= i1; i += L) {
            FloatVector v = FloatVector.fromArray(Simd.F, in, i);
            v.div(VectorMath.exp(v.neg()).add(one)).intoArray(out, i);
        }
        for (; i < i1; i++) {
            float v = in[i];
            out[i] = v / (1f + (float) Math.exp(-v));
        }
    }

    private void triad(int i0, int i1) {
        FloatVector a = FloatVector.broadcast(Simd.F, alpha);
        int i = i0;
        for (; i + L <= i1; i += L) {
            FloatVector.fromArray(Simd.F, in2, i)
                    .fma(a, FloatVector.fromArray(Simd.F, in, i))
                    .intoArray(out, i);
        }
        for (; i < i1; i++) {
            out[i] = in[i] + alpha * in2[i];
        }
    }

    private void copy(int i0, int i1) {
        int i = i0;
        for (; i + L <= i1; i += L) {
            FloatVector.fromArray(Simd.F, in, i).intoArray(out, i);
        }
        for (; i < i1; i++) {
            out[i] = in[i];
        }
    }

    @Override
    Object outputData() {
        return out;
    }
}
