package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.Verifier;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * Repeated prepare/run/close and open/close leave nothing behind, as far as the JVM can see: live threads
 * back to their count before, heap after a full GC within a bound, and device memory (where the backend
 * counts it, {@link Backend#allocatedDeviceBytes()}) back to its value before.
 */
final class LeakChecks {
    private LeakChecks() {}

    /** Heap growth allowed whatever the cycle count: noise of a full GC plus JIT and class data. */
    static final long HEAP_SLACK_BYTES = 8L << 20;

    private static final int WARM_UP_CYCLES = 10;

    /**
     * {@code cycles} prepare/run/close on one backend. A kernel kept alive by the backend would keep at least
     * its output, so the heap may grow by at most a quarter of {@code cycles} outputs (or the slack).
     *
     * @param report receives each measured figure, by name
     */
    static void prepareCloseCycles(
            BackendProvider provider, Target target, int cycles, Duration threadExit, BiConsumer<String, Long> report)
            throws BackendException, InterruptedException {
        Target.Variant v = target.leakVariant();
        Shape shape = ConformanceShapes.leak(v.kernel());
        KernelInputs inputs = v.kernel().inputs(shape, v.dtype(), 7);
        double[] reference = v.kernel().reference(inputs); // before the baseline: the reference may start threads
        String what = target.label() + " " + v + " " + shape.dimsText();

        int threadsBefore = JvmProbe.liveThreads();
        try (Backend backend = provider.create()) {
            long outputBytes = 0;
            for (int i = 0; i < WARM_UP_CYCLES; i++) {
                outputBytes = Math.max(outputBytes, cycle(backend, target, v, inputs, reference, what, i == 0));
            }
            long heapBefore = JvmProbe.heapUsedAfterGcBytes();
            OptionalLong deviceBefore = backend.allocatedDeviceBytes();
            OptionalLong deviceWhilePrepared = OptionalLong.empty();
            for (int i = 0; i < cycles; i++) {
                try (PreparedKernel p = backend.prepare(
                        v.kernel(),
                        inputs,
                        Devices.opened(backend, target.device()),
                        target.implementation().id())) {
                    if (i == 0) {
                        deviceWhilePrepared = backend.allocatedDeviceBytes();
                    }
                    p.run();
                    if (i == cycles - 1) {
                        check(what + " in the last cycle", reference, v, p.output());
                    }
                }
            }
            long heapAfter = JvmProbe.heapUsedAfterGcBytes();
            long bound = Math.max(HEAP_SLACK_BYTES, cycles * outputBytes / 4);
            report.accept("cycles", (long) cycles);
            report.accept("outputBytes", outputBytes);
            report.accept("heapGrowthBytes", heapAfter - heapBefore);
            report.accept("heapGrowthBoundBytes", bound);
            assertThat(heapAfter - heapBefore)
                    .as(
                            "%s: heap growth after %d prepare/run/close cycles (before %d, after %d bytes)",
                            what, cycles, heapBefore, heapAfter)
                    .isLessThanOrEqualTo(bound);
            OptionalLong deviceAfter = backend.allocatedDeviceBytes();
            assertThat(deviceAfter.isPresent())
                    .as("%s: allocatedDeviceBytes() is given either always or never", what)
                    .isEqualTo(deviceBefore.isPresent())
                    .isEqualTo(deviceWhilePrepared.isPresent());
            if (deviceBefore.isPresent()) {
                report.accept("deviceBytesWhilePrepared", deviceWhilePrepared.getAsLong() - deviceBefore.getAsLong());
                report.accept("deviceBytesLeft", deviceAfter.getAsLong() - deviceBefore.getAsLong());
                assertThat(deviceWhilePrepared.getAsLong())
                        .as("%s: device bytes while a kernel is prepared (before: %d)", what, deviceBefore.getAsLong())
                        .isGreaterThan(deviceBefore.getAsLong());
                assertThat(deviceAfter.getAsLong())
                        .as("%s: device bytes after %d prepare/close cycles", what, cycles)
                        .isEqualTo(deviceBefore.getAsLong());
            }
        }
        assertThreadsBackTo(threadsBefore, threadExit, what + ": after closing the backend");
    }

    /** {@code cycles} times: open a backend, prepare, run and close a kernel, close the backend. */
    static void openCloseCycles(
            BackendProvider provider, Target target, int cycles, Duration threadExit, BiConsumer<String, Long> report)
            throws BackendException, InterruptedException {
        Target.Variant v = target.leakVariant();
        Shape shape = ConformanceShapes.leak(v.kernel()); // large enough that a backend uses all its threads
        KernelInputs inputs = v.kernel().inputs(shape, v.dtype(), 11);
        double[] reference = v.kernel().reference(inputs);
        String what = target.label() + " " + v + " " + shape.dimsText();
        int threadsBefore = JvmProbe.liveThreads();
        try (Backend backend = provider.create()) { // warm-up: classes loaded, JIT started
            cycle(backend, target, v, inputs, reference, what, true);
        }
        assertThreadsBackTo(threadsBefore, threadExit, what + ": after one open/close");
        long heapBefore = JvmProbe.heapUsedAfterGcBytes();
        for (int i = 0; i < cycles; i++) {
            try (Backend backend = provider.create()) {
                cycle(backend, target, v, inputs, reference, what, i == cycles - 1);
            }
        }
        assertThreadsBackTo(threadsBefore, threadExit, what + ": after " + cycles + " open/close cycles");
        long heapAfter = JvmProbe.heapUsedAfterGcBytes();
        report.accept("cycles", (long) cycles);
        report.accept("heapGrowthBytes", heapAfter - heapBefore);
        report.accept("heapGrowthBoundBytes", 2 * HEAP_SLACK_BYTES);
        assertThat(heapAfter - heapBefore)
                .as("%s: heap growth after %d open/close cycles", what, cycles)
                .isLessThanOrEqualTo(2 * HEAP_SLACK_BYTES);
    }

    private static long cycle(
            Backend backend,
            Target target,
            Target.Variant v,
            KernelInputs inputs,
            double[] reference,
            String what,
            boolean verify)
            throws BackendException {
        try (PreparedKernel p = backend.prepare(
                v.kernel(),
                inputs,
                Devices.opened(backend, target.device()),
                target.implementation().id())) {
            p.run();
            if (!verify) {
                return 0;
            }
            Tensor out = p.output();
            check(what, reference, v, out);
            return out.storageBytes();
        }
    }

    private static void check(String what, double[] reference, Target.Variant v, Tensor output) {
        VerificationResult r =
                Verifier.compare(reference, output.toDoubles(), v.kernel().tolerance(v.dtype()));
        assertThat(r.passed()).as("%s: %s", what, r.message()).isTrue();
    }

    private static void assertThreadsBackTo(int before, Duration deadline, String what) throws InterruptedException {
        int live = JvmProbe.awaitLiveThreadsAtMost(before, deadline);
        assertThat(live)
                .as(
                        "%s: live threads %d s after (before: %d; now: %s)",
                        what, deadline.toSeconds(), before, JvmProbe.liveThreadNames())
                .isLessThanOrEqualTo(before);
    }
}
