package org.joulebench.kernels.catalogue;

import java.util.SplittableRandom;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Halfs;
import org.joulebench.kernels.Int4;
import org.joulebench.kernels.Tensor;

/**
 * The deterministic input generator every catalogue kernel uses (the contract is in LAYOUTS.md, section
 * "Inputs"). One {@code java.util.SplittableRandom(seed)} stream is drawn from in a fixed order: the
 * kernel's input tensors in their documented order, each tensor's logical elements in row-major order
 * (last index fastest), one draw per element. Floating-point elements are {@code nextDouble(-1, 1)},
 * rounded to the nearest float and then, for F16/BF16, to the nearest half (ties to even); int8 elements
 * are {@code nextInt(-127, 128)}, int4 elements {@code nextInt(-8, 8)} (an odd row's padding nibble is 0
 * and takes no draw). The same seed therefore gives bit-identical tensors on every JVM.
 */
public final class InputGenerator {
    private final SplittableRandom random;

    public InputGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform in [-1, 1), stored as F32, F16 or BF16. */
    public Tensor uniform(String name, ElementType type, int... dims) {
        return uniform(name, type, -1.0, 1.0, dims);
    }

    /** Uniform in [low, high), stored as F32, F16 or BF16. */
    public Tensor uniform(String name, ElementType type, double low, double high, int... dims) {
        int n = Tensor.storageLength(type, dims);
        return switch (type) {
            case F32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) random.nextDouble(low, high);
                }
                yield new Tensor(name, type, dims, a);
            }
            case F16 -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Halfs.floatToF16((float) random.nextDouble(low, high));
                }
                yield new Tensor(name, type, dims, a);
            }
            case BF16 -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Halfs.floatToBf16((float) random.nextDouble(low, high));
                }
                yield new Tensor(name, type, dims, a);
            }
            default -> throw new IllegalArgumentException("uniform floats cannot be stored as " + type);
        };
    }

    /** Signed integers in [-127, 127] (I8) or [-8, 7] (I4_PACKED, rows packed low nibble first). */
    public Tensor integers(String name, ElementType type, int... dims) {
        int n = Tensor.storageLength(type, dims);
        byte[] a = new byte[n];
        if (type == ElementType.I8) {
            for (int i = 0; i < n; i++) {
                a[i] = (byte) random.nextInt(-127, 128);
            }
        } else if (type == ElementType.I4_PACKED) {
            int cols = dims.length == 0 ? 1 : dims[dims.length - 1];
            int rowBytes = (cols + 1) / 2;
            int rows = rowBytes == 0 ? 0 : n / rowBytes;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    Int4.set(a, r * rowBytes, c, random.nextInt(-8, 8));
                }
            }
        } else {
            throw new IllegalArgumentException("integers cannot be stored as " + type);
        }
        return new Tensor(name, type, dims, a);
    }
}
