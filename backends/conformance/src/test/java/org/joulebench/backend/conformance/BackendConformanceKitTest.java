package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.joulebench.kernels.spi.BackendProvider;
import org.junit.jupiter.api.Test;

/**
 * The kit against fake backends: a correct one passes every check; each deliberately broken one fails the
 * check that is there to catch its defect, with a message that says what is wrong.
 */
class BackendConformanceKitTest {

    /** A kit for a fake, with a short thread-exit deadline so the thread-leak cases fail quickly. */
    abstract static class FakeKit extends BackendConformanceKit {
        @Override
        protected Duration threadExitDeadline() {
            return Duration.ofSeconds(1);
        }
    }

    static class Correct extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider();
        }
    }

    @Test
    void aCorrectBackendPassesEveryCheck() {
        KitRun run = KitRun.of(Correct.class);
        assertThat(run.failures()).isEmpty();
        assertThat(run.tests("ABORTED")).isEmpty();
        assertThat(run.tests("SUCCESSFUL").size()).isGreaterThan(20);
        assertThat(run.tests("SUCCESSFUL"))
                .extracting(KitRun.Outcome::path)
                .anyMatch(p -> p.contains("triad/fp32 > odd N=65537"))
                .anyMatch(p -> p.contains("noop/fp32 > degenerate N=1"))
                .anyMatch(p -> p.contains("fake0 / fakeblas: unavailable (libfakeblas.so not found)"))
                .anyMatch(p -> p.contains("an unlisted pair gemm/bf16"))
                .anyMatch(p -> p.contains("fake0 / plain: 200 cycles of triad/fp32"));
    }

    static class Unavailable extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.Unavailable();
        }
    }

    @Test
    void anUnavailableBackendIsSkippedWithItsReasonNeverPassed() {
        KitRun run = KitRun.of(Unavailable.class);
        assertThat(run.tests("SUCCESSFUL")).isEmpty();
        assertThat(run.failures()).isEmpty();
        assertThat(run.outcomes()).anySatisfy(o -> {
            assertThat(o.status()).isEqualTo("ABORTED");
            assertThat(o.message())
                    .contains("backend fake-unavailable is not available here: the fake device is switched off");
        });
    }

    static class NotRegistered extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.NotRegistered();
        }
    }

    @Test
    void catchesAProviderServiceLoaderCannotFind() {
        assertFails(NotRegistered.class, "registered with ServiceLoader", "META-INF/services");
    }

    static class CheapCallStartsAThread extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.CheapCallStartsAThread();
        }
    }

    @Test
    void catchesACheapCallThatLeavesAThread() {
        assertFails(CheapCallStartsAThread.class, "cheap calls", "fake-device-scanner");
    }

    static class BackendListsOtherDevices extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.BackendListsOtherDevices();
        }
    }

    @Test
    void catchesABackendWhoseDevicesDifferFromTheProvidersListing() {
        assertFails(BackendListsOtherDevices.class, "agrees with the opened backend", "fake-0");
    }

    static class IgnoresTheTail extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.IgnoresTheTail();
        }
    }

    @Test
    void catchesAKernelWrongOnSizesThatAreNotAMultipleOfTheVectorWidth() {
        KitRun run = assertFails(IgnoresTheTail.class, "triad/fp32 > odd N=17", "after run()");
        assertThat(run.failures()).extracting(KitRun.Outcome::path).anyMatch(p -> p.contains("degenerate N=1"));
    }

    static class BatchAccumulates extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.BatchAccumulates();
        }
    }

    @Test
    void catchesARunBatchThatDiffersFromRun() {
        assertFails(BatchAccumulates.class, "triad/fp32 > odd N=17", "after runBatch(1)");
    }

    static class WritesIntoItsInputs extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.WritesIntoItsInputs();
        }
    }

    @Test
    void catchesAKernelThatWritesIntoItsInputs() {
        assertFails(WritesIntoItsInputs.class, "triad/fp32 > odd N=17", "N=17");
    }

    static class AcceptsAnyImplementation extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.AcceptsAnyImplementation();
        }
    }

    @Test
    void catchesABackendThatIgnoresTheImplementationId() {
        KitRun run = assertFails(
                AcceptsAnyImplementation.class, "an unknown implementation", "conformance-no-such-implementation");
        assertThat(run.failures()).extracting(KitRun.Outcome::path).anyMatch(p -> p.contains("unavailable"));
    }

    static class TrustsTheShape extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.TrustsTheShape();
        }
    }

    @Test
    void catchesABackendThatTrustsTheShapeOverTheTensors() {
        assertFails(TrustsTheShape.class, "input tensors smaller than the shape they claim, triad/fp32", "N=17");
    }

    static class CloseThrowsAfterAFailure extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.CloseThrowsAfterAFailure();
        }
    }

    @Test
    void catchesACloseThatThrowsAfterAFailedPrepare() {
        assertFails(CloseThrowsAfterAFailure.class, "close (twice) after refused prepares", "closing after a failed");
    }

    static class KeepsEveryKernel extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.KeepsEveryKernel();
        }
    }

    @Test
    void catchesABackendThatKeepsEveryPreparedKernel() {
        assertFails(KeepsEveryKernel.class, "200 cycles of triad/fp32", "heap growth");
    }

    static class ForgetsToFreeDeviceMemory extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.ForgetsToFreeDeviceMemory();
        }
    }

    @Test
    void catchesDeviceMemoryNotFreedOnClose() {
        assertFails(ForgetsToFreeDeviceMemory.class, "200 cycles of triad/fp32", "device bytes after 200");
    }

    static class LeavesItsThreadRunning extends FakeKit {
        @Override
        protected BackendProvider provider() {
            return new FakeProvider.LeavesItsThreadRunning();
        }
    }

    @Test
    void catchesAThreadLeftRunningAfterClose() {
        // the thread is left by each closed backend: the open/close cycles must name it (the prepare/close
        // cycles on one open backend may or may not, depending on when the thread starts under load)
        KitRun run = assertFails(LeavesItsThreadRunning.class, "repeated open/close", "fake-device-stream");
        assertThat(run.failures()).isNotEmpty();
    }

    /** Runs the kit; some failure's path contains {@code where} and its message {@code why}. */
    private static KitRun assertFails(Class<? extends BackendConformanceKit> kit, String where, String why) {
        KitRun run = KitRun.of(kit);
        assertThat(run.failures()).as("failures of %s", kit.getSimpleName()).anySatisfy(o -> {
            assertThat(o.path()).contains(where);
            assertThat(o.message()).contains(why);
        });
        return run;
    }
}
