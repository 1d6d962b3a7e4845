package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.PreparedKernel;

/** After a failure a backend stays usable, and closing it (and its kernels) never throws. */
final class FailureChecks {
    private FailureChecks() {}

    /** A refused prepare, then a good one on the same backend runs and matches the reference. */
    static void usableAfterARefusedPrepare(Backend backend, Target target, Target.Variant v) throws BackendException {
        assertThat(catchThrowable(() -> backend.prepare(
                        v.kernel(),
                        RejectionChecks.smallInputs(v),
                        Devices.opened(backend, target.device()),
                        RejectionChecks.UNKNOWN_IMPLEMENTATION)))
                .as("%s: prepare with an unknown implementation", target.label())
                .isInstanceOf(BackendException.class);
        RejectionChecks.tensorsSmallerThanTheShape(backend, target, v);
        Shape shape = ConformanceShapes.odd(v.kernel()).getFirst();
        CorrectnessChecks.runAndBatchMatchTheReference(backend, target, v.kernel(), v.dtype(), shape);
    }

    /** A fresh backend, refused prepares, then close (twice): no exception. */
    static void closesAfterRefusedPrepares(BackendProvider provider, Target target, Target.Variant v)
            throws BackendException {
        Backend backend = provider.create();
        try {
            assertThat(catchThrowable(() -> backend.prepare(
                            v.kernel(),
                            RejectionChecks.smallInputs(v),
                            Devices.opened(backend, target.device()),
                            RejectionChecks.UNKNOWN_IMPLEMENTATION)))
                    .as("%s: prepare with an unknown implementation", target.label())
                    .isInstanceOf(BackendException.class);
            RejectionChecks.tensorsSmallerThanTheShape(backend, target, v);
        } finally {
            assertThatCode(backend::close)
                    .as("%s: close after refused prepares", target.label())
                    .doesNotThrowAnyException();
        }
        assertThatCode(backend::close).as("%s: a second close", target.label()).doesNotThrowAnyException();
    }

    /**
     * A kernel prepared and run, then its backend closed: closing the kernel afterwards (twice) does not throw,
     * and the closed backend refuses to prepare with a {@link BackendException}.
     */
    static void kernelClosesAfterItsBackend(BackendProvider provider, Target target, Target.Variant v)
            throws BackendException {
        KernelInputs inputs = RejectionChecks.smallInputs(v);
        Backend backend = provider.create();
        PreparedKernel prepared;
        try {
            prepared = backend.prepare(
                    v.kernel(),
                    inputs,
                    Devices.opened(backend, target.device()),
                    target.implementation().id());
            prepared.run();
        } finally {
            backend.close();
        }
        assertThatCode(prepared::close)
                .as("%s %s: closing a kernel after its backend", target.label(), v)
                .doesNotThrowAnyException();
        assertThatCode(prepared::close)
                .as("%s %s: closing a kernel a second time", target.label(), v)
                .doesNotThrowAnyException();
        assertThat(catchThrowable(() -> backend.prepare(
                        v.kernel(),
                        inputs,
                        Devices.opened(backend, target.device()),
                        target.implementation().id())))
                .as("%s %s: prepare on a closed backend", target.label(), v)
                .isInstanceOf(BackendException.class);
    }
}
