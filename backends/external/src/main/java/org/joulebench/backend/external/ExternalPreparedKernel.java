package org.joulebench.backend.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Npy;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.BackendMetric;
import org.joulebench.kernels.spi.PreparedKernel;
import tools.jackson.databind.JsonNode;

/**
 * A kernel the runner holds (its handle). {@link #runBatch} is one {@code run n} round trip: what JMH times, with
 * no tensor on the pipe. {@link #output()} asks for a {@code .npy} file and reads it back, checking its type,
 * shape and length. The runner's own time ({@code deviceSeconds}) becomes a backend metric beside JMH's time; its
 * own energy reading ({@code energy}) a sensor the harness reads around the same windows as its own ({@link
 * RunnerEnergySensor}): an energy domain with the runner as its source, beside the harness's, never instead.
 */
final class ExternalPreparedKernel implements PreparedKernel {
    private final ExternalBackend backend;
    private final RunnerProcess runner;
    private final RunnerProtocol.Hello hello;
    private final int handle;
    private final String what;
    private final ElementType outputType;
    private final int[] outputDims;
    private final int weightsPreparedUntimed;
    private final double inputWriteMillis;
    private final double runnerPrepareMillis;
    private final String runPrefix;
    private final String deviceHardwareId;
    private int outputs;
    private boolean closed;

    private double deviceSeconds;
    private long deviceSecondsReports;

    ExternalPreparedKernel(
            ExternalBackend backend,
            RunnerProcess runner,
            RunnerProtocol.Hello hello,
            int handle,
            String what,
            String deviceHardwareId,
            ElementType outputType,
            int[] outputDims,
            int weightsPreparedUntimed,
            double inputWriteMillis,
            double runnerPrepareMillis) {
        this.backend = backend;
        this.runner = runner;
        this.hello = hello;
        this.handle = handle;
        this.what = what;
        this.deviceHardwareId = deviceHardwareId;
        this.outputType = outputType;
        this.outputDims = outputDims.clone();
        this.weightsPreparedUntimed = weightsPreparedUntimed;
        this.inputWriteMillis = inputWriteMillis;
        this.runnerPrepareMillis = runnerPrepareMillis;
        this.runPrefix = "{\"op\":\"run\",\"handle\":" + handle + ",\"n\":";
    }

    /**
     * A {@code run n} round trip costs 40-150 us here (a pipe write, the runner's JSON, a pipe read: the noop kernel
     * measures it in every run), so a call lasts at least 20 ms to keep it under 1 % of the call.
     */
    static final long MINIMUM_CALL_NANOS = 20_000_000L;

    @Override
    public long batchTargetNanos() {
        return MINIMUM_CALL_NANOS;
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
        JsonNode done = request(runPrefix + invocations + "}", "run " + invocations);
        if (!done.path("op").asString().equals("done")
                || done.path("handle").asInt(-1) != handle
                || done.path("n").asLong(-1) != invocations) {
            throw failed("run", "runner answered run " + invocations + " with " + RunnerProtocol.text(done));
        }
        JsonNode ds = done.path("deviceSeconds");
        if (ds.isNumber() && Double.isFinite(ds.asDouble()) && ds.asDouble() >= 0) {
            deviceSeconds += ds.asDouble();
            deviceSecondsReports++;
        }
        JsonNode e = done.path("energy");
        if (e.isObject()
                && e.path("joules").isNumber()
                && Double.isFinite(e.path("joules").asDouble())) {
            backend.energySensor(
                            RunnerProtocol.clip(e.path("source").asString("unnamed")),
                            e.path("method").asString(""),
                            e.path("scope").asString(""),
                            deviceHardwareId)
                    .add(e.path("joules").asDouble(), System.nanoTime());
        }
    }

    @Override
    public Tensor output() {
        Path file = runner.workDir().resolve("h" + handle + "-out-" + (++outputs) + ".npy");
        JsonNode reply = request(
                "{\"op\":\"output\",\"handle\":" + handle + ",\"file\":"
                        + RunnerProtocol.JSON.valueToTree(file.toString()) + "}",
                "output");
        if (!reply.path("op").asString().equals("written")
                || reply.path("handle").asInt(-1) != handle) {
            throw failed("output", "runner answered output with " + RunnerProtocol.text(reply));
        }
        try {
            return Npy.read(file, "out", outputType, outputDims, what + " output");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException(
                    what + " output: the runner said written but wrote no " + file.getFileName());
        } catch (IOException e) {
            throw new IllegalStateException(
                    e.getMessage().startsWith(what) ? e.getMessage() : what + " output: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the work folder goes at close anyway
            }
        }
    }

    @Override
    public List<BackendMetric> drainMetrics() {
        List<BackendMetric> m = new ArrayList<>();
        String source = "runner " + hello.label();
        if (deviceSecondsReports > 0) {
            m.add(BackendMetric.total("runner-time", "ns", deviceSeconds * 1e9, deviceSecondsReports, source));
        }
        deviceSeconds = 0;
        deviceSecondsReports = 0;
        return m;
    }

    @Override
    public List<BackendMetric> preparationMetrics() {
        String source = "runner " + hello.label();
        return List.of(
                BackendMetric.once(
                        "input-write-time", "ms", inputWriteMillis, "joulebench (.npy files for the runner)"),
                BackendMetric.once("runner-prepare-time", "ms", runnerPrepareMillis, source),
                // how many weight inputs the runner laid out in its own way while preparing, untimed (0: none)
                BackendMetric.once("weights-prepared-untimed", "count", weightsPreparedUntimed, source));
    }

    private JsonNode request(String line, String what) {
        if (closed) {
            throw new IllegalStateException(this.what + ": the prepared kernel is closed");
        }
        try {
            return runner.request(line, what);
        } catch (RunnerProcess.RunnerFailure e) {
            throw new IllegalStateException(this.what + ": " + e.getMessage());
        }
    }

    private IllegalStateException failed(String request, String reason) {
        return new IllegalStateException(
                what + ": " + runner.fail(request, reason, false).getMessage());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.released(this);
        if (!backend.isClosed() && !runner.failed()) {
            try {
                runner.request("{\"op\":\"release\",\"handle\":" + handle + "}", "release");
            } catch (RunnerProcess.RunnerFailure ignored) {
                // the runner is ended by the failure; nothing is left to release
            }
        }
    }
}
