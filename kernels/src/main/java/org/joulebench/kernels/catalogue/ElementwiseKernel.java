package org.joulebench.kernels.catalogue;

import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;

/**
 * What the fp32 element-wise kernels over [N] share (gelu, silu, triad): dimension N, a bytes headline
 * (they are memory-bound), uniform [N] F32 inputs, an [N] F32 output, and a reference computed element
 * by element in parallel. Subclasses give the per-element function.
 */
abstract class ElementwiseKernel extends MemoryBoundFp32Kernel {
    private final List<String> inputNames;

    /**
     * @param inputNames names of the [N] inputs, in the documented order
     * @param scalars the scalar parameters passed with the inputs
     * @param formulas the work formulas (fp32 is the only dtype)
     * @param tolerance the verification tolerance (fp32 is the only dtype)
     */
    protected ElementwiseKernel(
            String id,
            String description,
            List<String> inputNames,
            Map<String, Double> scalars,
            WorkFormulas formulas,
            Tolerance tolerance) {
        super(id, description, List.of("N"), scalars, formulas, tolerance);
        this.inputNames = List.copyOf(inputNames);
    }

    /** The per-element reference (output element i, in double) over the given inputs' arrays and scalars. */
    protected abstract IntToDoubleFunction elementReference(KernelInputs inputs);

    @Override
    public final KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int n = shape.dim("N");
        InputGenerator g = new InputGenerator(seed);
        Tensor[] tensors = new Tensor[inputNames.size()];
        for (int t = 0; t < tensors.length; t++) {
            tensors[t] = g.uniform(inputNames.get(t), ElementType.F32, n);
        }
        return new KernelInputs(shape, dtype, seed, ordered(tensors), scalars(), ElementType.F32, new int[] {n});
    }

    @Override
    public final double[] reference(KernelInputs inputs) {
        int n = inputs.tensor(inputNames.getFirst()).f32().length;
        return parallelOutputs(n, elementReference(inputs));
    }
}
