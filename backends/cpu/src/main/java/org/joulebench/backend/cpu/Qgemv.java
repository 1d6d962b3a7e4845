package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weight-quantised GEMV, y[m] = Σ_g scales[m,g]·Σ_{k in group g} W[m,k]·x[k], with int8 or packed
 * int4 weights read in their stored form (int4: two per byte, low nibble first, each row padded to
 * whole bytes). Groups of G columns may start on an odd column; the last group may be short.
 *
 * <p>Vector path (whole groups whose size is a multiple of the vector step): L weight bytes are loaded
 * at once and widened to fp32 lanes; for int4 the low and high nibbles of L bytes are split with two
 * shifts and multiplied with the even and odd elements of x, which a first phase of each run
 * de-interleaves into {@code xEven}/{@code xOdd} (K floats, once per run). Each group's vector partial
 * sum is scaled into two alternating accumulators, reduced once per row. Other groups take the scalar
 * path.
 */
final class Qgemv extends CpuKernel {
    private static final int L = Simd.L;
    /** L lanes of bytes; null where no byte vector has that many lanes (then everything is scalar). */
    private static final VectorSpecies<Byte> BYTES = L >= 8 ? VectorSpecies.of(byte.class, Simd.shapeFor(8)) : null;

    private final boolean int4, vectorGroups;
    private final int m, k, g, groups, rowBytes, rowsPerTile;
    private final byte[] w;
    private final float[] scales, x, y, xEven, xOdd;

    Qgemv(ForkJoinPool pool, boolean int4, int m, int k, int g, byte[] w, float[] scales, float[] x) {
        super("y", new int[] {m});
        this.int4 = int4;
        this.m = m;
        this.k = k;
        this.g = g;
        this.groups = ceilDiv(k, g);
        this.rowBytes = int4 ? (k + 1) / 2 : k;
        this.w = w;
        this.scales = scales;
        this.x = x;
        this.y = new float[m];
        this.rowsPerTile = Math.max(1, 65_536 / k);
        this.vectorGroups = BYTES != null && g % (int4 ? 2 * L : L) == 0;
        this.xEven = int4 && vectorGroups ? new float[k / 2 + 1] : null;
        this.xOdd = int4 && vectorGroups ? new float[k / 2 + 1] : null;
        if (xEven != null) {
            phase(pool, 1, (t, wk) -> deinterleave());
        }
        tiles(pool, ceilDiv(m, rowsPerTile));
    }

    private void deinterleave() {
        for (int j = 0; 2 * j < k; j++) {
            xEven[j] = x[2 * j];
            xOdd[j] = 2 * j + 1 < k ? x[2 * j + 1] : 0f;
        }
    }

    @Override
    void tile(int tile, int worker) {
        int r1 = Math.min(m, (tile + 1) * rowsPerTile);
        for (int r = tile * rowsPerTile; r < r1; r++) {
            y[r] = vectorGroups ? (int4 ? rowInt4(r) : rowInt8(r)) : rowScalar(r);
        }
    }

    private float rowInt8(int r) {
        int row = r * rowBytes, srow = r * groups, full = k / g;
        FloatVector acc0 = FloatVector.zero(Simd.F), acc1 = acc0;
        int gi = 0;
        for (; gi < full; gi++) {
            int k0 = gi * g;
            FloatVector part = FloatVector.zero(Simd.F);
            for (int kk = k0; kk < k0 + g; kk += L) {
                FloatVector wv = (FloatVector)
                        ByteVector.fromArray(BYTES, w, row + kk).convertShape(VectorOperators.B2F, Simd.F, 0);
                part = wv.fma(FloatVector.fromArray(Simd.F, x, kk), part);
            }
            FloatVector s = FloatVector.broadcast(Simd.F, scales[srow + gi]);
            if ((gi & 1) == 0) {
                acc0 = part.fma(s, acc0);
            } else {
                acc1 = part.fma(s, acc1);
            }
        }
        float acc = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; gi < groups; gi++) {
            int k0 = gi * g;
            acc += scales[srow + gi] * groupInt8(row, k0, Math.min(k, k0 + g));
        }
        return acc;
    }

    private float rowInt4(int r) {
        int row = r * rowBytes, srow = r * groups, full = k / g;
        FloatVector acc0 = FloatVector.zero(Simd.F), acc1 = acc0;
        int gi = 0;
        for (; gi < full; gi++) {
            int j0 = gi * g / 2; // groups start on even columns: byte j holds columns 2j (low) and 2j+1 (high)
            FloatVector part = FloatVector.zero(Simd.F);
            for (int j = j0; j < j0 + g / 2; j += L) {
                ByteVector b = ByteVector.fromArray(BYTES, w, row + j);
                FloatVector lo = (FloatVector) b.lanewise(VectorOperators.LSHL, 4)
                        .lanewise(VectorOperators.ASHR, 4)
                        .convertShape(VectorOperators.B2F, Simd.F, 0);
                FloatVector hi =
                        (FloatVector) b.lanewise(VectorOperators.ASHR, 4).convertShape(VectorOperators.B2F, Simd.F, 0);
                part = lo.fma(FloatVector.fromArray(Simd.F, xEven, j), part);
                part = hi.fma(FloatVector.fromArray(Simd.F, xOdd, j), part);
            }
            FloatVector s = FloatVector.broadcast(Simd.F, scales[srow + gi]);
            if ((gi & 1) == 0) {
                acc0 = part.fma(s, acc0);
            } else {
                acc1 = part.fma(s, acc1);
            }
        }
        float acc = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; gi < groups; gi++) {
            int k0 = gi * g;
            acc += scales[srow + gi] * groupInt4(row, k0, Math.min(k, k0 + g));
        }
        return acc;
    }

    private float rowScalar(int r) {
        int row = r * rowBytes, srow = r * groups;
        float acc = 0;
        for (int gi = 0; gi < groups; gi++) {
            int k0 = gi * g, k1 = Math.min(k, k0 + g);
            float part = int4 ? groupInt4(row, k0, k1) : groupInt8(row, k0, k1);
            acc += scales[srow + gi] * part;
        }
        return acc;
    }

    private float groupInt8(int row, int k0, int k1) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int kk = k0;
        for (; kk + 4 <= k1; kk += 4) {
            s0 += w[row + kk] * x[kk];
            s1 += w[row + kk + 1] * x[kk + 1];
            s2 += w[row + kk + 2] * x[kk + 2];
            s3 += w[row + kk + 3] * x[kk + 3];
        }
        for (; kk < k1; kk++) {
            s0 += w[row + kk] * x[kk];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private float groupInt4(int row, int k0, int k1) {
        float s0 = 0, s1 = 0;
        int kk = k0;
        if ((kk & 1) == 1 && kk < k1) { // group starts on a high nibble
            s0 += (w[row + (kk >> 1)] >> 4) * x[kk];
            kk++;
        }
        for (; kk + 2 <= k1; kk += 2) {
            int b = w[row + (kk >> 1)];
            s0 += ((b << 28) >> 28) * x[kk];
            s1 += (b >> 4) * x[kk + 1];
        }
        if (kk < k1) { // group ends on a low nibble
            s0 += ((w[row + (kk >> 1)] << 28) >> 28) * x[kk];
        }
        return s0 + s1;
    }

    @Override
    Object outputData() {
        return y;
    }
}
