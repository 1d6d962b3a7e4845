package org.joulebench.backend.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weight-quantised GEMV, y[m] = Σ_g scales[m,g]·Σ_{k in group g} W[m,k]·x[k], with int8 or packed
 * int4 weights read in their stored form (int4: two per byte, low nibble first, each row padded to
 * whole bytes). Groups of G columns may start on an odd column; the last group may be short.
 *
 * <p>Vector path (whole groups whose size is a multiple of the vector step), two rows at a time sharing
 * x: L weight bytes are loaded at once and widened to fp32 lanes; for int4 the low and high nibbles of L
 * bytes are split with int32 shifts and multiplied with the even and odd elements of x, which a first
 * phase of each run de-interleaves into {@code xEven}/{@code xOdd} (K floats, once per run). Each
 * group's vector partial sum is scaled into the row's accumulator, reduced once per row. Short last
 * groups, other group sizes and an odd last row take the scalar path.
 */
final class Qgemv extends CpuKernel {
    private static final int L = Simd.L;
    /** L lanes of bytes; null where no byte vector has that many lanes (then everything is scalar). */
    private static final VectorSpecies<Byte> BYTES = L >= 8 ? VectorSpecies.of(byte.class, Simd.shapeFor(8)) : null;

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    private final boolean int4, vectorGroups;
    private final int m, k, g, groups, rowBytes, rowsPerTile;
    private final byte[] w;
    private final float[] scales, x, y, xEven, xOdd;

    Qgemv(CpuThreads pool, boolean int4, int m, int k, int g, byte[] w, float[] scales, float[] x) {
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
        int r = tile * rowsPerTile, r1 = Math.min(m, r + rowsPerTile);
        if (vectorGroups) {
            for (; r + 2 <= r1; r += 2) {
                if (int4) {
                    rowsInt4(r);
                } else {
                    rowsInt8(r);
                }
            }
        }
        for (; r < r1; r++) {
            y[r] = rowScalar(r);
        }
    }

    /**
     * Rows r and r+1, int8: one flat loop over the L-byte chunks of the whole groups (no loop set-up per
     * group), each chunk widened to fp32 and multiplied with x, which both rows share; at a group's last
     * chunk its partial sum is scaled into the row's accumulator.
     */
    private void rowsInt8(int r) {
        int row0 = r * rowBytes, row1 = row0 + rowBytes, s0 = r * groups, s1 = s0 + groups;
        int full = k / g, chunks = full * (g / L), perGroup = g / L;
        FloatVector zero = FloatVector.zero(Simd.F), acc0 = zero, acc1 = zero, part0 = zero, part1 = zero;
        int left = perGroup, gi = 0;
        for (int ch = 0; ch < chunks; ch++) {
            int kk = ch * L;
            FloatVector xv = FloatVector.fromArray(Simd.F, x, kk);
            part0 = widen(row0 + kk).fma(xv, part0);
            part1 = widen(row1 + kk).fma(xv, part1);
            if (--left == 0) {
                acc0 = part0.fma(FloatVector.broadcast(Simd.F, scales[s0 + gi]), acc0);
                acc1 = part1.fma(FloatVector.broadcast(Simd.F, scales[s1 + gi]), acc1);
                part0 = zero;
                part1 = zero;
                left = perGroup;
                gi++;
            }
        }
        y[r] = acc0.reduceLanes(VectorOperators.ADD) + tailInt8(row0, s0, full);
        y[r + 1] = acc1.reduceLanes(VectorOperators.ADD) + tailInt8(row1, s1, full);
    }

    /** L int8 weights from w[at] as fp32 lanes. */
    private FloatVector widen(int at) {
        return (FloatVector) ByteVector.fromArray(BYTES, w, at).convertShape(VectorOperators.B2F, Simd.F, 0);
    }

    private float tailInt8(int row, int srow, int full) {
        float acc = 0;
        for (int gi = full; gi < groups; gi++) {
            int k0 = gi * g;
            acc += scales[srow + gi] * groupInt8(row, k0, Math.min(k, k0 + g));
        }
        return acc;
    }

    /**
     * Rows r and r+1, int4: as {@link #rowsInt8} with chunks of L bytes = 2L columns; each byte is
     * widened to an int32 lane, whose low nibble ((v << 28) >> 28) meets x's even elements and high
     * nibble (v >> 4) the odd ones.
     */
    private void rowsInt4(int r) {
        int row0 = r * rowBytes, row1 = row0 + rowBytes, s0 = r * groups, s1 = s0 + groups;
        int full = k / g, chunks = full * (g / (2 * L)), perGroup = g / (2 * L);
        FloatVector zero = FloatVector.zero(Simd.F), acc0 = zero, acc1 = zero, part0 = zero, part1 = zero;
        int left = perGroup, gi = 0;
        for (int ch = 0; ch < chunks; ch++) {
            int j = ch * L; // byte index within the row = index into xEven/xOdd
            FloatVector xe = FloatVector.fromArray(Simd.F, xEven, j), xo = FloatVector.fromArray(Simd.F, xOdd, j);
            IntVector b0 = bytesAsInts(row0 + j), b1 = bytesAsInts(row1 + j);
            part0 = lowNibbles(b0).fma(xe, part0);
            part1 = lowNibbles(b1).fma(xe, part1);
            part0 = highNibbles(b0).fma(xo, part0);
            part1 = highNibbles(b1).fma(xo, part1);
            if (--left == 0) {
                acc0 = part0.fma(FloatVector.broadcast(Simd.F, scales[s0 + gi]), acc0);
                acc1 = part1.fma(FloatVector.broadcast(Simd.F, scales[s1 + gi]), acc1);
                part0 = zero;
                part1 = zero;
                left = perGroup;
                gi++;
            }
        }
        y[r] = acc0.reduceLanes(VectorOperators.ADD) + tailInt4(row0, s0, full);
        y[r + 1] = acc1.reduceLanes(VectorOperators.ADD) + tailInt4(row1, s1, full);
    }

    private IntVector bytesAsInts(int at) {
        return (IntVector) ByteVector.fromArray(BYTES, w, at).convertShape(VectorOperators.B2I, INTS, 0);
    }

    private static FloatVector lowNibbles(IntVector v) {
        return (FloatVector) v.lanewise(VectorOperators.LSHL, 28)
                .lanewise(VectorOperators.ASHR, 28)
                .convertShape(VectorOperators.I2F, Simd.F, 0);
    }

    private static FloatVector highNibbles(IntVector v) {
        return (FloatVector) v.lanewise(VectorOperators.ASHR, 4).convertShape(VectorOperators.I2F, Simd.F, 0);
    }

    private float tailInt4(int row, int srow, int full) {
        float acc = 0;
        for (int gi = full; gi < groups; gi++) {
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
