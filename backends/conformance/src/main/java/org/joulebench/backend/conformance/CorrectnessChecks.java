package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.PreparedKernel;

/** A kernel/dtype on one shape: {@code run()}, {@code runBatch(1)} and {@code runBatch(3)} each match the reference. */
final class CorrectnessChecks {
    private CorrectnessChecks() {}

    /** The seed of a shape's inputs: fixed, but different per shape. */
    static long seed(Shape shape) {
        return 0x5eedL + shape.dimsText().hashCode();
    }

    static void runAndBatchMatchTheReference(Backend backend, Target target, Kernel kernel, DType dtype, Shape shape)
            throws BackendException {
        KernelInputs inputs = kernel.inputs(shape, dtype, seed(shape));
        String what = target.label() + " " + kernel.id() + "/" + dtype.id() + " " + shape.dimsText();
        try (PreparedKernel prepared = backend.prepare(
                kernel,
                inputs,
                Devices.opened(backend, target.device()),
                target.implementation().id())) {
            prepared.run();
            assertMatches(what + " after run()", kernel, inputs, prepared.output());
            prepared.runBatch(1);
            assertMatches(what + " after runBatch(1)", kernel, inputs, prepared.output());
            prepared.runBatch(3);
            assertMatches(what + " after runBatch(3)", kernel, inputs, prepared.output());
        }
        assertThat(inputs.tensors())
                .as("%s: the input tensors after the runs (a backend must not write into them)", what)
                .isEqualTo(kernel.inputs(shape, dtype, seed(shape)).tensors());
    }

    static void assertMatches(String what, Kernel kernel, KernelInputs inputs, Tensor output) {
        assertThat(output.type()).as("%s: output element type", what).isEqualTo(inputs.outputType());
        assertThat(output.dims()).as("%s: output dims", what).isEqualTo(inputs.outputDims());
        VerificationResult result = kernel.verify(inputs, output);
        assertThat(result.passed()).as("%s: %s", what, result.message()).isTrue();
    }
}
