package org.joulebench.kernels;

import java.util.List;
import java.util.Set;

/**
 * What a kernel is, independent of any backend: its name, the dimensions of its shapes, its
 * deterministic inputs, its work as formulas of the shape, a double-precision reference and the
 * tolerance per dtype. Implementations are stateless and thread-safe.
 */
public interface Kernel {

    /** Stable id used on the command line and in records, e.g. {@code gemm}, {@code attention-causal}. */
    String id();

    /** One line for {@code joulebench list}. */
    String description();

    /** The dimension names every shape of this kernel must have, in order. */
    List<String> dimensionNames();

    /** The precision variants this kernel is defined for. */
    Set<DType> dtypes();

    /** The tensor layout contract backends implement: input names, dims, element types, output. */
    String layout();

    /** The work counts as formulas of {@link #dimensionNames()} (what {@link #work} evaluates). */
    WorkFormulas formulas(DType dtype);

    /** The work of one invocation. */
    WorkCounts work(Shape shape, DType dtype);

    /** Deterministic inputs: the same shape, dtype and seed give bit-identical tensors. */
    KernelInputs inputs(Shape shape, DType dtype, long seed);

    /** The expected output, computed in double precision from exactly the given inputs. */
    double[] reference(KernelInputs inputs);

    /**
     * The input tensors that are a model's <em>weights</em> (GEMM's {@code B}, conv2d's {@code weight}, GEMV's
     * {@code A}, qgemv's {@code W} and its {@code scales}): in a real model they stay the same from call to
     * call, so a backend may lay them out once while preparing (pre-pack, transpose, quantise), untimed; the
     * other inputs are activations, new on every call, and must be read as given inside the timed region.
     * Names of {@link #inputs}' tensors, in the kernel's input order; empty when the kernel has no weights.
     */
    default List<String> weightInputs() {
        return List.of();
    }

    /** Whether the named input tensor is one of {@link #weightInputs()}. */
    default boolean isWeight(String inputName) {
        return weightInputs().contains(inputName);
    }

    /** How close a backend's output must be to {@link #reference}. */
    Tolerance tolerance(DType dtype);

    /**
     * Whether results of this kernel are work that may be ranked and submitted; false for the null
     * workload ({@code noop}), which a run includes only when asked by name.
     */
    default boolean ranked() {
        return true;
    }

    /** Checks a shape has exactly this kernel's dimensions, each at least 1 (or 0 where allowed). */
    default void validate(Shape shape) {
        if (!shape.dims().keySet().equals(new java.util.LinkedHashSet<>(dimensionNames()))) {
            throw new IllegalArgumentException(id() + " needs dimensions " + dimensionNames() + ", got "
                    + shape.dims().keySet());
        }
        shape.dims().forEach((k, v) -> {
            if (v < 1) {
                throw new IllegalArgumentException(id() + " dimension " + k + " must be >= 1, got " + v);
            }
        });
    }

    /** Verifies a backend's output tensor against the reference for these inputs. */
    default VerificationResult verify(KernelInputs inputs, Tensor output) {
        return Verifier.compare(reference(inputs), output.toDoubles(), tolerance(inputs.dtype()));
    }
}
