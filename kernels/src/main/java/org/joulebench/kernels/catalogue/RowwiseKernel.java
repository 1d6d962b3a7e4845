package org.joulebench.kernels.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;

/**
 * What the fp32 row-wise kernels over X [R,C] share (softmax, layernorm, rmsnorm): dimensions R and C,
 * a bytes headline (they are memory-bound), inputs X [R,C] followed by per-column vectors [C], output
 * Y [R,C], and a reference that runs each row independently. Subclasses give the per-row reference.
 */
abstract class RowwiseKernel extends MemoryBoundFp32Kernel {
    private final List<String> columnVectors;

    /**
     * @param columnVectors names of the [C] inputs that follow X, in the documented order
     * @param scalars the scalar parameters passed with the inputs
     * @param formulas the work formulas (fp32 is the only dtype)
     * @param tolerance the verification tolerance (fp32 is the only dtype)
     */
    protected RowwiseKernel(
            String id,
            String description,
            List<String> columnVectors,
            Map<String, Double> scalars,
            WorkFormulas formulas,
            Tolerance tolerance) {
        super(id, description, List.of("R", "C"), scalars, formulas, tolerance);
        this.columnVectors = List.copyOf(columnVectors);
    }

    /** One row's reference: reads x[base..base+c) and writes y[base..base+c). */
    @FunctionalInterface
    protected interface RowReference {
        void row(float[] x, int base, int c, double[] y);
    }

    /** The per-row reference, with the row-independent parameters (gamma, eps...) read from the inputs. */
    protected abstract RowReference rowReference(KernelInputs inputs);

    @Override
    protected final void checkShape(Shape shape) {
        elements("X", shape.dim("R"), shape.dim("C"));
    }

    @Override
    public final KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int r = shape.dim("R"), c = shape.dim("C");
        InputGenerator g = new InputGenerator(seed);
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(g.uniform("X", ElementType.F32, r, c));
        for (String name : columnVectors) {
            tensors.add(g.uniform(name, ElementType.F32, c));
        }
        return new KernelInputs(
                shape, dtype, seed, ordered(tensors.toArray(Tensor[]::new)), scalars(), ElementType.F32, new int[] {r, c
                });
    }

    @Override
    public final double[] reference(KernelInputs inputs) {
        int r = inputs.shape().dim("R"), c = inputs.shape().dim("C");
        float[] x = inputs.tensor("X").f32();
        RowReference rowReference = rowReference(inputs);
        double[] y = new double[r * c];
        IntStream.range(0, r).parallel().forEach(row -> rowReference.row(x, row * c, c, y));
        return y;
    }
}
