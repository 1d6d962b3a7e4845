package org.joulebench.kernels;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named, dense, row-major host tensor. {@code data} is a primitive array whose type follows
 * {@link ElementType}: {@code float[]} for F32, {@code short[]} for F16/BF16, {@code byte[]} for I8 and
 * I4_PACKED, {@code int[]} for I32. For I4_PACKED each row of the last dimension is packed separately
 * into {@code ceil(lastDim / 2)} bytes.
 */
public record Tensor(String name, ElementType type, int[] dims, Object data) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dims = dims.clone();
        Objects.requireNonNull(data, "data");
        int expected = storageLength(type, dims);
        int actual = java.lang.reflect.Array.getLength(data);
        if (actual != expected) {
            throw new IllegalArgumentException("tensor " + name + " " + Arrays.toString(dims) + " of " + type
                    + " needs " + expected + " array elements, got " + actual);
        }
    }

    /** The number of logical elements (product of the dimensions). */
    public long elementCount() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Bytes this tensor occupies in its storage format (int4 rows padded to whole bytes). */
    public long storageBytes() {
        return switch (type) {
            case F32, I32 -> 4L * elementCount();
            case F16, BF16 -> 2L * elementCount();
            case I8, I4_PACKED -> storageLength(type, dims);
        };
    }

    /** Length of the Java array that holds a tensor of this type and these dimensions. */
    public static int storageLength(ElementType type, int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (type == ElementType.I4_PACKED) {
            int last = dims.length == 0 ? 1 : dims[dims.length - 1];
            long rows = last == 0 ? 0 : n / last;
            n = rows * ((last + 1) / 2);
        }
        return Math.toIntExact(n);
    }

    public static Tensor f32(String name, float[] data, int... dims) {
        return new Tensor(name, ElementType.F32, dims, data);
    }

    public float[] f32() {
        return (float[]) cast(ElementType.F32);
    }

    public short[] f16Bits() {
        if (type != ElementType.F16 && type != ElementType.BF16) {
            throw new IllegalStateException(name + " is " + type + ", not F16/BF16");
        }
        return (short[]) data;
    }

    public byte[] bytes() {
        if (type != ElementType.I8 && type != ElementType.I4_PACKED) {
            throw new IllegalStateException(name + " is " + type + ", not I8/I4_PACKED");
        }
        return (byte[]) data;
    }

    public int[] i32() {
        return (int[]) cast(ElementType.I32);
    }

    private Object cast(ElementType want) {
        if (type != want) {
            throw new IllegalStateException(name + " is " + type + ", not " + want);
        }
        return data;
    }

    /** Every logical element widened to double (int4 unpacked, halves decoded). */
    public double[] toDoubles() {
        int n = Math.toIntExact(elementCount());
        double[] out = new double[n];
        switch (type) {
            case F32 -> {
                float[] a = (float[]) data;
                for (int i = 0; i < n; i++) out[i] = a[i];
            }
            case F16 -> {
                short[] a = (short[]) data;
                for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat(a[i]);
            }
            case BF16 -> {
                short[] a = (short[]) data;
                for (int i = 0; i < n; i++) out[i] = Halfs.bf16ToFloat(a[i]);
            }
            case I8 -> {
                byte[] a = (byte[]) data;
                for (int i = 0; i < n; i++) out[i] = a[i];
            }
            case I32 -> {
                int[] a = (int[]) data;
                for (int i = 0; i < n; i++) out[i] = a[i];
            }
            case I4_PACKED -> {
                byte[] a = (byte[]) data;
                int last = dims.length == 0 ? 1 : dims[dims.length - 1];
                int rowBytes = (last + 1) / 2;
                for (int i = 0; i < n; i++) {
                    int row = i / last, col = i % last;
                    out[i] = Int4.get(a, row * rowBytes, col);
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t
                && name.equals(t.name)
                && type == t.type
                && Arrays.equals(dims, t.dims)
                && java.util.Objects.deepEquals(new Object[] {data}, new Object[] {t.data});
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(dims));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + type + " " + Arrays.toString(dims) + "]";
    }
}
