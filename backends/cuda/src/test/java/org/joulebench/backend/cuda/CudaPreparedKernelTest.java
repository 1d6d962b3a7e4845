package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.joulebench.kernels.ElementType;
import org.junit.jupiter.api.Test;

/** The batch and close logic against a queue that records its calls (there is no GPU here). */
class CudaPreparedKernelTest {

    /** Records the order of device calls; fails a launch when told to. */
    static final class RecordingQueue implements DeviceQueue {
        final List<String> calls = new ArrayList<>();
        int failOnLaunch = -1;
        int launches;

        @Override
        public void bind() {
            calls.add("bind");
        }

        @Override
        public void recordStart() {
            calls.add("start");
        }

        @Override
        public void launch() {
            if (launches++ == failOnLaunch) {
                throw new RuntimeException("CUDA_ERROR_LAUNCH_FAILED");
            }
            calls.add("launch");
        }

        @Override
        public void recordEnd() {
            calls.add("end");
        }

        @Override
        public void synchronize() {
            calls.add("sync");
        }

        @Override
        public float elapsedMillis() {
            return 2.5f;
        }

        @Override
        public void copyOutput(Object hostArray) {
            calls.add("copy");
            float[] f = (float[]) hostArray;
            for (int i = 0; i < f.length; i++) {
                f[i] = i;
            }
        }
    }

    private final RecordingQueue queue = new RecordingQueue();
    private final List<String> released = new ArrayList<>();

    private CudaPreparedKernel kernel() {
        ResourceStack stack = new ResourceStack();
        stack.push("module", () -> released.add("module"));
        stack.push("buffer", () -> released.add("buffer"));
        return new CudaPreparedKernel("softmax/fp32 on cuda:0", "Y", queue, stack, ElementType.F32, new int[] {2, 3});
    }

    @Test
    void aBatchQueuesAllLaunchesBetweenTheEventsAndSynchronisesOnce() {
        CudaPreparedKernel k = kernel();

        k.runBatch(5);

        assertThat(queue.calls)
                .containsExactly("bind", "start", "launch", "launch", "launch", "launch", "launch", "end", "sync");
        assertThat(k.lastBatchDeviceMillis()).isEqualTo(2.5f);
        assertThat(k.lastBatchInvocations()).isEqualTo(5);
    }

    @Test
    void theEventTimeOfEveryBatchSinceTheLastDrainIsReportedAsATotalInNanoseconds() {
        CudaPreparedKernel k = kernel();
        assertThat(k.drainMetrics()).as("nothing run yet").isEmpty();
        k.runBatch(5);
        k.runBatch(3);
        var metrics = k.drainMetrics();
        assertThat(metrics).hasSize(1);
        var m = metrics.getFirst();
        assertThat(m.name()).isEqualTo("device-time");
        assertThat(m.unit()).isEqualTo("ns");
        assertThat(m.kind()).isEqualTo(org.joulebench.kernels.spi.BackendMetric.Kind.TOTAL);
        assertThat(m.value()).isEqualTo(2 * 2.5e6); // two batches of 2.5 ms each
        assertThat(m.samples()).isEqualTo(2);
        assertThat(m.source()).contains("CUDA events");
        assertThat(k.drainMetrics()).as("drained").isEmpty();
    }

    @Test
    void runIsABatchOfOne() {
        kernel().run();
        assertThat(queue.calls).containsExactly("bind", "start", "launch", "end", "sync");
    }

    @Test
    void aBatchBelowOneIsRefusedBeforeTouchingTheDevice() {
        assertThatThrownBy(() -> kernel().runBatch(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.calls).isEmpty();
    }

    @Test
    void outputIsCopiedBackWithTheKernelsNameTypeAndDims() {
        var out = kernel().output();
        assertThat(out.name()).isEqualTo("Y");
        assertThat(out.type()).isEqualTo(ElementType.F32);
        assertThat(out.dims()).containsExactly(2, 3);
        assertThat(out.f32()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void closeReleasesEverythingOnceAfterBindingTheContextAndThenRefusesWork() {
        CudaPreparedKernel k = kernel();
        k.close();
        k.close();
        assertThat(released).containsExactly("buffer", "module");
        assertThat(queue.calls).containsExactly("bind");
        assertThatThrownBy(k::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aFailedLaunchPropagatesAndCloseStillReleasesEverything() {
        CudaPreparedKernel k = kernel();
        queue.failOnLaunch = 2;
        assertThatThrownBy(() -> k.runBatch(4)).hasMessage("CUDA_ERROR_LAUNCH_FAILED");
        k.close();
        assertThat(released).containsExactly("buffer", "module");
    }
}
