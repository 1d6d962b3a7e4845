package org.joulebench.backend.conformance;

import java.util.List;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;

/** A catalogue kernel under an id no backend knows: what a backend must refuse by id, not by the inputs' look. */
record RenamedKernel(String id, Kernel base) implements Kernel {
    static final String UNKNOWN_ID = "conformance-no-such-kernel";

    @Override
    public String description() {
        return "no such kernel (conformance kit)";
    }

    @Override
    public List<String> dimensionNames() {
        return base.dimensionNames();
    }

    @Override
    public Set<DType> dtypes() {
        return base.dtypes();
    }

    @Override
    public String layout() {
        return base.layout();
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        return base.formulas(dtype);
    }

    @Override
    public WorkCounts work(Shape shape, DType dtype) {
        return base.work(shape, dtype);
    }

    @Override
    public KernelInputs inputs(Shape shape, DType dtype, long seed) {
        return base.inputs(shape, dtype, seed);
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        return base.reference(inputs);
    }

    @Override
    public Tolerance tolerance(DType dtype) {
        return base.tolerance(dtype);
    }
}
