package org.joulebench.backend.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.Float16;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Small loops whose machine code shows what the JIT makes of int8/bf16/fp16 work on this CPU (see
 * backends/cpu/README.md, "What the JDK makes of VNNI, bf16 and fp16"). Not a test: run its main with
 * an hsdis disassembler plugin on the library path and
 * {@code -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,org.joulebench.backend.cpu.VectorCodegenProbe::*}.
 */
public final class VectorCodegenProbe {
    private VectorCodegenProbe() {}

    /** int8 dot product with the Vector API: widen to int32, multiply, add (no 8-bit dot-product operation exists). */
    static int dotInt8Vector(byte[] a, byte[] b) {
        IntVector acc = IntVector.zero(IntVector.SPECIES_PREFERRED);
        int step = IntVector.SPECIES_PREFERRED.length();
        var bytes = ByteVector.SPECIES_PREFERRED.withShape(Simd.shapeFor(8));
        for (int i = 0; i + step <= a.length; i += step) {
            IntVector x = (IntVector)
                    ByteVector.fromArray(bytes, a, i).convertShape(VectorOperators.B2I, IntVector.SPECIES_PREFERRED, 0);
            IntVector y = (IntVector)
                    ByteVector.fromArray(bytes, b, i).convertShape(VectorOperators.B2I, IntVector.SPECIES_PREFERRED, 0);
            acc = acc.add(x.mul(y));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** The same as a plain loop, left to the auto-vectoriser. */
    static int dotInt8Loop(byte[] a, byte[] b) {
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The int16 pair multiply-add idiom the auto-vectoriser recognises (MulAddS2I), accumulating. */
    static void mulAddPairsInt16(int[] out, short[] a, short[] b) {
        for (int i = 0; i < out.length; i++) {
            out[i] += a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1];
        }
    }

    /** bf16 → fp32 with the Vector API, as GemmHalf decodes it. */
    static void bf16ToFloat(short[] s, float[] d) {
        var shorts = ShortVector.SPECIES_PREFERRED.withShape(Simd.shapeFor(16));
        for (int i = 0; i + Simd.L <= s.length; i += Simd.L) {
            ShortVector.fromArray(shorts, s, i)
                    .convertShape(VectorOperators.S2I, IntVector.SPECIES_PREFERRED, 0)
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .intoArray(d, i);
        }
    }

    /** fp32 → bf16 rounded to nearest even with integer arithmetic (no Java operation maps to vcvtneps2bf16). */
    static void floatToBf16(float[] f, short[] d) {
        for (int i = 0; i < f.length; i++) {
            int x = Float.floatToRawIntBits(f[i]);
            d[i] = (short) ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16);
        }
    }

    /** fp16 ↔ fp32 conversions in plain loops. */
    static void fp16ToFloat(short[] s, float[] d) {
        for (int i = 0; i < s.length; i++) {
            d[i] = Float.float16ToFloat(s[i]);
        }
    }

    static void floatToFp16(float[] f, short[] d) {
        for (int i = 0; i < f.length; i++) {
            d[i] = Float.floatToFloat16(f[i]);
        }
    }

    /** fp16 arithmetic with the incubator's Float16 in a plain loop (fp16 accumulation). */
    static void fp16Fma(short[] a, short[] b, short[] c) {
        for (int i = 0; i < a.length; i++) {
            c[i] = Float16.float16ToRawShortBits(Float16.fma(
                    Float16.shortBitsToFloat16(a[i]),
                    Float16.shortBitsToFloat16(b[i]),
                    Float16.shortBitsToFloat16(c[i])));
        }
    }

    public static void main(String[] args) {
        int n = 4096;
        byte[] a = new byte[n], b = new byte[n];
        short[] s = new short[n], t = new short[n], u = new short[n];
        float[] f = new float[n];
        int[] o = new int[n / 2];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) i;
            b[i] = (byte) (7 * i);
            s[i] = (short) 0x3c00;
            t[i] = (short) 0x4000;
            f[i] = i;
        }
        long sink = 0;
        for (int r = 0; r < 30_000; r++) {
            sink += dotInt8Vector(a, b) + dotInt8Loop(a, b);
            mulAddPairsInt16(o, s, t);
            bf16ToFloat(s, f);
            floatToBf16(f, u);
            fp16ToFloat(s, f);
            floatToFp16(f, u);
            fp16Fma(s, t, u);
        }
        System.out.println(sink + " " + o[3] + " " + f[5] + " " + u[7]);
    }
}
