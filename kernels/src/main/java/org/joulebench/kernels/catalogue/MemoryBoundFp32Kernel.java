package org.joulebench.kernels.catalogue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * A kernel defined for fp32 only and quoted in bytes (memory-bound): its formulas, tolerance and scalar
 * parameters are fixed values given at construction, so subclasses state them once instead of
 * overriding a method each.
 */
abstract class MemoryBoundFp32Kernel extends AbstractKernel {
    private final Map<String, Double> scalars;
    private final WorkFormulas formulas;
    private final Tolerance tolerance;

    MemoryBoundFp32Kernel(
            String id,
            String description,
            List<String> dimensionNames,
            Map<String, Double> scalars,
            WorkFormulas formulas,
            Tolerance tolerance) {
        super(id, description, dimensionNames, EnumSet.of(DType.FP32));
        this.scalars = Map.copyOf(scalars);
        this.formulas = formulas;
        this.tolerance = tolerance;
    }

    /** The scalar parameters passed with the inputs. */
    final Map<String, Double> scalars() {
        return scalars;
    }

    @Override
    public final WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        return formulas;
    }

    @Override
    public final Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return tolerance;
    }

    @Override
    protected final HeadlineUnit headline(DType dtype) {
        return HeadlineUnit.BYTE;
    }
}
