package org.joulebench.kernels.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Halfs;
import org.joulebench.kernels.Int4;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;

/** Hand-built inputs for reference tests: the kernel's own inputs() with tensors replaced. */
final class Manual {
    private Manual() {}

    /** The kernel's generated inputs for this shape, with the named tensors swapped for hand-made ones. */
    static KernelInputs with(Kernel kernel, Shape shape, DType dtype, Tensor... replacements) {
        KernelInputs generated = kernel.inputs(shape, dtype, 1);
        Map<String, Tensor> tensors = new LinkedHashMap<>(generated.tensors());
        for (Tensor t : replacements) {
            Tensor old = generated.tensor(t.name());
            if (old.type() != t.type() || !java.util.Arrays.equals(old.dims(), t.dims())) {
                throw new IllegalArgumentException("replacement " + t + " does not match " + old);
            }
            tensors.put(t.name(), t);
        }
        return new KernelInputs(
                shape,
                dtype,
                generated.seed(),
                tensors,
                generated.scalars(),
                generated.outputType(),
                generated.outputDims());
    }

    static Tensor f32(String name, int[] dims, double... values) {
        float[] a = new float[values.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) values[i];
        }
        return new Tensor(name, ElementType.F32, dims, a);
    }

    static Tensor f16(String name, int[] dims, double... values) {
        short[] a = new short[values.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Halfs.floatToF16((float) values[i]);
        }
        return new Tensor(name, ElementType.F16, dims, a);
    }

    static Tensor bf16(String name, int[] dims, double... values) {
        short[] a = new short[values.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Halfs.floatToBf16((float) values[i]);
        }
        return new Tensor(name, ElementType.BF16, dims, a);
    }

    static Tensor i8(String name, int[] dims, int... values) {
        byte[] a = new byte[values.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) values[i];
        }
        return new Tensor(name, ElementType.I8, dims, a);
    }

    /** A [rows, cols] int4 tensor from row-major values, packed with {@link Int4#set}. */
    static Tensor i4(String name, int rows, int cols, int... values) {
        int rowBytes = (cols + 1) / 2;
        byte[] a = new byte[rows * rowBytes];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Int4.set(a, r * rowBytes, c, values[r * cols + c]);
            }
        }
        return new Tensor(name, ElementType.I4_PACKED, new int[] {rows, cols}, a);
    }

    static int[] dims(int... d) {
        return d;
    }
}
