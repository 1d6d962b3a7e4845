package org.joulebench.backend.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.joulebench.backend.conformance.FakeProvider.Defect;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * The fake device: a worker thread stands for the device's stream, "device memory" is copies of the inputs
 * and the output counted in {@link #allocatedDeviceBytes()}. Correct unless its provider names a defect.
 */
final class FakeBackend implements Backend {
    private final FakeProvider provider;
    private final Defect defect;
    private final ExecutorService stream;
    private final AtomicLong deviceBytes = new AtomicLong();
    private final List<PreparedKernel> kept = new ArrayList<>();
    private boolean failedOnce;
    private boolean closed;

    FakeBackend(FakeProvider provider) {
        this.provider = provider;
        this.defect = provider.defect();
        this.stream = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-device-stream");
            t.setDaemon(true);
            return t;
        });
        submitAndWait(() -> {}); // start the stream's thread, as opening a device would
    }

    @Override
    public String id() {
        return provider.id();
    }

    @Override
    public List<DeviceInfo> devices() {
        return List.of(FakeProvider.device(defect == Defect.BACKEND_LISTS_OTHER_DEVICES ? "fake-0" : "fake0"));
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return provider.implementations(device);
    }

    @Override
    public OptionalLong allocatedDeviceBytes() {
        return OptionalLong.of(deviceBytes.get());
    }

    @Override
    public PreparedKernel prepare(Kernel kernel, KernelInputs inputs, DeviceInfo device, String implementationId)
            throws BackendException {
        try {
            return doPrepare(kernel, inputs, device, implementationId);
        } catch (BackendException e) {
            failedOnce = true;
            throw e;
        }
    }

    private PreparedKernel doPrepare(Kernel kernel, KernelInputs inputs, DeviceInfo device, String implementationId)
            throws BackendException {
        if (closed) {
            throw new BackendException(id() + " is closed");
        }
        if (!devices().getFirst().id().equals(device.id())) {
            throw new BackendException(id() + " has no device " + device.id());
        }
        if (!implementationId.equals(FakeProvider.IMPLEMENTATION) && defect != Defect.ACCEPTS_ANY_IMPLEMENTATION) {
            throw new BackendException(id() + " cannot run implementation " + implementationId);
        }
        KernelVariant variant = new KernelVariant(kernel.id(), inputs.dtype());
        if (!FakeProvider.SUPPORTED.contains(variant)) {
            throw new BackendException(id() + " does not implement " + variant);
        }
        int n = inputs.shape().dim("N");
        boolean triad = kernel.id().equals("triad");
        List<String> names = triad ? List.of("b", "c") : List.of("X");
        float[][] onDevice = new float[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            Tensor t = inputs.tensors().get(names.get(i));
            if (t == null) {
                throw new BackendException(variant + ": missing input " + names.get(i));
            }
            if (defect != Defect.TRUSTS_THE_SHAPE && !Arrays.equals(t.dims(), new int[] {n})) {
                throw new BackendException(variant + ": input " + t.name() + " is " + Arrays.toString(t.dims())
                        + ", the shape says [" + n + "]");
            }
            if (defect == Defect.WRITES_INTO_ITS_INPUTS) {
                onDevice[i] = t.f32();
            } else {
                onDevice[i] = new float[n];
                System.arraycopy(t.f32(), 0, onDevice[i], 0, n); // "copy to the device", n as the shape says
            }
        }
        FakeKernel k = new FakeKernel(triad, n, onDevice, (float) (triad ? inputs.scalar("alpha") : 0));
        if (defect == Defect.KEEPS_EVERY_KERNEL) {
            kept.add(k);
        }
        return k;
    }

    private void submitAndWait(Runnable work) {
        try {
            stream.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (defect == Defect.CLOSE_THROWS_AFTER_A_FAILURE && failedOnce) {
            throw new IllegalStateException("closing after a failed prepare");
        }
        closed = true;
        if (defect != Defect.LEAVES_ITS_THREAD_RUNNING) {
            stream.shutdown();
        }
    }

    private final class FakeKernel implements PreparedKernel {
        private final boolean triad;
        private final int n;
        private final float[][] in;
        private final float[] out;
        private final float alpha;
        private final long bytes;
        private boolean freed;

        FakeKernel(boolean triad, int n, float[][] in, float alpha) {
            this.triad = triad;
            this.n = n;
            this.in = in;
            this.out = new float[n];
            this.alpha = alpha;
            this.bytes = 4L * n * (in.length + 1);
            deviceBytes.addAndGet(bytes);
        }

        @Override
        public void run() {
            if (closed) {
                throw new IllegalStateException("the backend is closed");
            }
            submitAndWait(() -> compute(false));
        }

        @Override
        public void runBatch(int invocations) {
            if (invocations < 1) {
                throw new IllegalArgumentException("invocations must be >= 1, got " + invocations);
            }
            submitAndWait(() -> {
                for (int i = 0; i < invocations; i++) {
                    compute(defect == Defect.BATCH_ACCUMULATES);
                }
            });
        }

        private void compute(boolean accumulate) {
            int end = defect == Defect.IGNORES_THE_TAIL_PAST_A_MULTIPLE_OF_8 ? n / 8 * 8 : n;
            for (int i = 0; i < end; i++) {
                float v = triad ? in[0][i] + alpha * in[1][i] : in[0][i];
                if (defect == Defect.WRITES_INTO_ITS_INPUTS) {
                    in[0][i] = v;
                }
                out[i] = accumulate ? out[i] + v : v;
            }
        }

        @Override
        public Tensor output() {
            return Tensor.f32(triad ? "a" : "Y", out.clone(), n);
        }

        @Override
        public void close() {
            if (!freed && defect != Defect.FORGETS_TO_FREE_DEVICE_MEMORY) {
                deviceBytes.addAndGet(-bytes);
            }
            freed = true;
        }
    }
}
