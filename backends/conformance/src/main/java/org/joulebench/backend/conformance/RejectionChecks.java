package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.vocabulary.DeviceKind;

/** What a backend must refuse with a {@link BackendException} naming what it refused, before touching any data. */
final class RejectionChecks {
    private RejectionChecks() {}

    static final String UNKNOWN_IMPLEMENTATION = "conformance-no-such-implementation";
    static final String UNKNOWN_DEVICE = "conformance-no-such-device";

    /** Inputs of the variant on its smallest degenerate shape. */
    static KernelInputs smallInputs(Target.Variant v) {
        Shape shape = ConformanceShapes.degenerate(v.kernel()).getFirst();
        return v.kernel().inputs(shape, v.dtype(), CorrectnessChecks.seed(shape));
    }

    static void unknownKernel(Backend backend, Target target, Target.Variant any) {
        Kernel unknown = new RenamedKernel(RenamedKernel.UNKNOWN_ID, any.kernel());
        assertRefused(
                backend,
                target,
                unknown,
                smallInputs(any),
                target.implementation().id(),
                RenamedKernel.UNKNOWN_ID);
    }

    /** A kernel/dtype pair the catalogue defines but the implementation does not list. */
    static void unsupportedPair(Backend backend, Target target, Kernel kernel, DType dtype) {
        Shape shape = ConformanceShapes.degenerate(kernel).getFirst();
        KernelInputs inputs = kernel.inputs(shape, dtype, 1);
        assertRefused(backend, target, kernel, inputs, target.implementation().id(), kernel.id() + "/" + dtype.id());
    }

    /** A dtype the kernel does not define at all, on otherwise valid inputs (e.g. gemm/int4). */
    static void undefinedDtype(Backend backend, Target target, Target.Variant v, DType undefined) {
        KernelInputs real = smallInputs(v);
        KernelInputs relabelled = new KernelInputs(
                real.shape(),
                undefined,
                real.seed(),
                real.tensors(),
                real.scalars(),
                real.outputType(),
                real.outputDims());
        assertRefused(
                backend,
                target,
                v.kernel(),
                relabelled,
                target.implementation().id(),
                v.kernel().id() + "/" + undefined.id());
    }

    static void unknownImplementation(Backend backend, Target target, Target.Variant v) {
        assertRefused(backend, target, v.kernel(), smallInputs(v), UNKNOWN_IMPLEMENTATION, UNKNOWN_IMPLEMENTATION);
    }

    /** An implementation the device lists as unavailable: preparing with it must fail naming it. */
    static void unavailableImplementation(Backend backend, Target target, Target.Variant v) {
        assertRefused(
                backend,
                target,
                v.kernel(),
                smallInputs(v),
                target.implementation().id(),
                target.implementation().id());
    }

    static void unknownDevice(Backend backend, Target target, Target.Variant v) {
        DeviceInfo nowhere = new DeviceInfo(UNKNOWN_DEVICE, "no such device", DeviceKind.OTHER, "none", null, Map.of());
        assertThat(catchThrowable(() -> backend.prepare(
                        v.kernel(),
                        smallInputs(v),
                        nowhere,
                        target.implementation().id())))
                .as("%s: prepare on a device it does not have", target.label())
                .isInstanceOf(BackendException.class)
                .hasMessageContaining(UNKNOWN_DEVICE);
    }

    /**
     * Input tensors of a smaller shape than the inputs claim: a backend that trusts the shape would read past
     * the arrays (on a device: copy past the host buffer). It must compare the tensors with the shape.
     *
     * @return false where the two shapes happen to have the same input tensors (nothing to check)
     */
    static boolean tensorsSmallerThanTheShape(Backend backend, Target target, Target.Variant v) {
        KernelInputs small = smallInputs(v);
        Shape bigger = ConformanceShapes.odd(v.kernel()).getFirst();
        KernelInputs big = v.kernel().inputs(bigger, v.dtype(), CorrectnessChecks.seed(bigger));
        boolean differ = big.tensors().keySet().stream()
                .anyMatch(n -> small.tensors().get(n) == null
                        || !Arrays.equals(small.tensor(n).dims(), big.tensor(n).dims()));
        if (!differ) {
            return false;
        }
        KernelInputs lying = new KernelInputs(
                bigger, v.dtype(), big.seed(), small.tensors(), big.scalars(), big.outputType(), big.outputDims());
        assertThat(catchThrowable(() -> {
                    try (PreparedKernel p = backend.prepare(
                            v.kernel(),
                            lying,
                            Devices.opened(backend, target.device()),
                            target.implementation().id())) {
                        p.run();
                    }
                }))
                .as(
                        "%s %s: inputs claim %s but the tensors are those of %s",
                        target.label(), v, bigger.dimsText(), small.shape().dimsText())
                .isInstanceOf(BackendException.class);
        return true;
    }

    static void runBatchOfNothing(Backend backend, Target target, Target.Variant v) throws BackendException {
        try (PreparedKernel p = backend.prepare(
                v.kernel(),
                smallInputs(v),
                Devices.opened(backend, target.device()),
                target.implementation().id())) {
            assertThat(catchThrowable(() -> p.runBatch(0)))
                    .as("%s %s: runBatch(0)", target.label(), v)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(catchThrowable(() -> p.runBatch(-1)))
                    .as("%s %s: runBatch(-1)", target.label(), v)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void assertRefused(
            Backend backend, Target target, Kernel kernel, KernelInputs inputs, String implementationId, String name) {
        assertThat(catchThrowable(() -> {
                    try (PreparedKernel p = backend.prepare(
                            kernel, inputs, Devices.opened(backend, target.device()), implementationId)) {
                        p.run();
                    }
                }))
                .as(
                        "%s: prepare of %s/%s with implementation '%s'",
                        target.label(), kernel.id(), inputs.dtype().id(), implementationId)
                .isInstanceOf(BackendException.class)
                .hasMessageContaining(name);
    }
}
