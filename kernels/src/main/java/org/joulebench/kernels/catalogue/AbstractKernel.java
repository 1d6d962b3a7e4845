package org.joulebench.kernels.catalogue;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * What the catalogue kernels share: identity, dtype checks, and {@link #work} as the evaluation of the
 * very formulas {@link #formulas} exports (so the text shown to users cannot drift from the numbers).
 */
public abstract class AbstractKernel implements Kernel {
    private final String id;
    private final String description;
    private final List<String> dimensionNames;
    private final Set<DType> dtypes;

    protected AbstractKernel(String id, String description, List<String> dimensionNames, Set<DType> dtypes) {
        this.id = id;
        this.description = description;
        this.dimensionNames = List.copyOf(dimensionNames);
        this.dtypes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(dtypes));
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<String> dimensionNames() {
        return dimensionNames;
    }

    @Override
    public final Set<DType> dtypes() {
        return dtypes;
    }

    /** FLOP unless the kernel's arithmetic is integer for this dtype. */
    protected HeadlineUnit operationUnit(DType dtype) {
        return HeadlineUnit.FLOP;
    }

    /** What the headline metric of this kernel counts. */
    protected abstract HeadlineUnit headline(DType dtype);

    @Override
    public WorkCounts work(Shape shape, DType dtype) {
        validate(shape);
        WorkFormulas f = formulas(requireDtype(dtype));
        return new WorkCounts(
                Formula.evaluate(f.operations(), shape.dims()),
                operationUnit(dtype),
                Formula.evaluate(f.bytesRead(), shape.dims()),
                Formula.evaluate(f.bytesWritten(), shape.dims()),
                headline(dtype));
    }

    /** The default checks plus {@link #checkShape}. */
    @Override
    public void validate(Shape shape) {
        Kernel.super.validate(shape);
        checkShape(shape);
    }

    /** Kernel-specific shape checks beyond "every dimension present and >= 1". */
    protected void checkShape(Shape shape) {}

    /** Returns the dtype, or fails naming the dtypes this kernel is defined for. */
    protected final DType requireDtype(DType dtype) {
        if (!dtypes.contains(dtype)) {
            throw new IllegalArgumentException(
                    id + " is defined for " + dtypes.stream().map(DType::id).toList() + ", not " + dtype.id());
        }
        return dtype;
    }

    /** The product of the dimensions, failing if a tensor that large cannot be held in one Java array. */
    protected final int elements(String tensor, long... dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    id + " tensor " + tensor + " would have " + n + " elements, more than one Java array holds");
        }
        return (int) n;
    }

    /** The storage element type of a floating-point or int8 input, per LAYOUTS.md's E(dtype). */
    protected static ElementType storage(DType dtype) {
        return switch (dtype) {
            case FP32 -> ElementType.F32;
            case FP16 -> ElementType.F16;
            case BF16 -> ElementType.BF16;
            case INT8 -> ElementType.I8;
            case INT4 -> ElementType.I4_PACKED;
        };
    }

    /** Bytes per element of E(dtype), for byte formulas (int4 is handled by its kernel). */
    protected static int bytesPerElement(DType dtype) {
        return switch (dtype) {
            case FP32 -> 4;
            case FP16, BF16 -> 2;
            case INT8 -> 1;
            case INT4 -> throw new IllegalArgumentException("int4 packs two elements per byte");
        };
    }

    /** Input tensors keyed by name, in the given (documented) order. */
    protected static Map<String, Tensor> ordered(Tensor... tensors) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            map.put(t.name(), t);
        }
        return map;
    }

    /** A reference output of {@code n} elements, each computed independently (in parallel) by {@code output}. */
    protected static double[] parallelOutputs(int n, IntToDoubleFunction output) {
        double[] y = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> y[i] = output.applyAsDouble(i));
        return y;
    }

    @Override
    public String toString() {
        return id;
    }
}
