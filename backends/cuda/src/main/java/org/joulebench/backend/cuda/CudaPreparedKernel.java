package org.joulebench.backend.cuda;

import java.util.List;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.BackendMetric;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * A CUDA kernel with its inputs on the device. A batch queues its launches on one stream between two
 * events and synchronises once, so the time and energy around it are the device's work, not launch
 * overhead; the events give the device-side time of the last batch.
 */
final class CudaPreparedKernel implements PreparedKernel {
    private final String name;
    private final String outputName;
    private final DeviceQueue queue;
    private final ResourceStack resources;
    private final ElementType outputType;
    private final int[] outputDims;
    private float lastBatchDeviceMillis = Float.NaN;
    private int lastBatchInvocations;
    // device time between the events of the batches run since the last drainMetrics(), nanoseconds
    private double drainedDeviceNanos;
    private long drainedBatches;
    private boolean closed;
    private Runnable onClose = () -> {};
    // what the implementation reports once (cuBLAS version, math mode, workspace, input sets, entry point)
    private List<BackendMetric> details = List.of();
    private List<String> prePacked = List.of();

    CudaPreparedKernel(
            String name,
            String outputName,
            DeviceQueue queue,
            ResourceStack resources,
            ElementType outputType,
            int[] outputDims) {
        this.name = name;
        this.outputName = outputName;
        this.queue = queue;
        this.resources = resources;
        this.outputType = outputType;
        this.outputDims = outputDims.clone();
    }

    @Override
    public void run() {
        runBatch(1);
    }

    @Override
    public void runBatch(int invocations) {
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations must be >= 1, got " + invocations);
        }
        ensureOpen();
        queue.bind();
        queue.recordStart();
        for (int i = 0; i < invocations; i++) {
            queue.launch();
        }
        queue.recordEnd();
        queue.synchronize();
        lastBatchDeviceMillis = queue.elapsedMillis();
        lastBatchInvocations = invocations;
        drainedDeviceNanos += lastBatchDeviceMillis * 1e6; // ms -> ns
        drainedBatches++;
    }

    /**
     * The device-side time of the batches since the last call, from the CUDA events around each batch (launch
     * overhead on the host excluded, the GPU's idle gaps between launches included), as a total the harness turns
     * into nanoseconds per invocation.
     */
    @Override
    public List<BackendMetric> drainMetrics() {
        if (drainedBatches == 0) {
            return List.of();
        }
        BackendMetric m = BackendMetric.total(
                "device-time", "ns", drainedDeviceNanos, drainedBatches, "CUDA events (cuEventElapsedTime)");
        drainedDeviceNanos = 0;
        drainedBatches = 0;
        return List.of(m);
    }

    /**
     * The figures of the implementation measured or chosen once at prepare (ONCE): where the harness reads them.
     * (Reported through {@link #drainMetrics()} they were dropped: the harness keeps only per-window figures from
     * drains.)
     */
    @Override
    public List<BackendMetric> preparationMetrics() {
        return details;
    }

    /** Device time of the last batch between its events, milliseconds (NaN before the first). */
    float lastBatchDeviceMillis() {
        return lastBatchDeviceMillis;
    }

    int lastBatchInvocations() {
        return lastBatchInvocations;
    }

    @Override
    public Tensor output() {
        ensureOpen();
        int length = Tensor.storageLength(outputType, outputDims);
        Object host = switch (outputType) {
            case F32 -> new float[length];
            case F16, BF16 -> new short[length];
            case I8, I4_PACKED -> new byte[length];
            case I32 -> new int[length];
        };
        queue.bind();
        queue.copyOutput(host);
        return new Tensor(outputName, outputType, outputDims, host);
    }

    /** Figures of the implementation reported once, by {@link #preparationMetrics()}. */
    void details(List<BackendMetric> once) {
        this.details = List.copyOf(once);
    }

    /**
     * A batch lasts about 10 ms: what a call costs once (two events, a stream synchronisation, JMH's call; tens
     * of microseconds) is then under 1 % of it. The launches inside a batch are queued back to back, so what
     * remains per invocation is the device's own gap between kernels (about a microsecond), part of the
     * kernel's time as in any framework that launches kernels one by one; size S shows it.
     */
    static final long BATCH_TARGET_NANOS = 10_000_000L;

    @Override
    public long batchTargetNanos() {
        return BATCH_TARGET_NANOS;
    }

    /** The weight inputs laid out once at prepare, untimed (cuBLASLt's int8 GEMM takes B transposed). */
    void prePackedWeights(List<String> names) {
        this.prePacked = List.copyOf(names);
    }

    @Override
    public List<String> prePackedWeights() {
        return prePacked;
    }

    /** Called once when the kernel closes (its backend forgets it). */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.bind();
        } finally {
            try {
                resources.close();
            } finally {
                onClose.run();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }
}
