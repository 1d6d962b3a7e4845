package org.joulebench.results.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One kernel/shape/dtype on one implementation of one backend device.
 *
 * @param kernel kernel id (e.g. {@code gemm})
 * @param size size class S, M or L, or {@value #CUSTOM_SIZE} for a shape given by its dims
 * @param shapeLabel the shape's name in the catalogue; for custom shapes its dims ({@code M=4096,N=4096})
 * @param dims the shape's dimensions
 * @param dtype precision variant (fp32, fp16, bf16, int8, int4)
 * @param backend backend id
 * @param implementation the implementation that did the work (ours or a vendor library)
 * @param device device id within the backend
 * @param deviceName the device's model name
 * @param deviceKind CPU, GPU, ACCELERATOR, FPGA or OTHER
 * @param deviceHardwareId the device's stable hardware id (PCI bus id, UUID, cpu-socket:N)
 * @param status OK, VERIFICATION_FAILED or ERROR
 * @param failure what went wrong when status is not OK, else {@code null}
 * @param work work per invocation
 * @param jmh how it was timed ({@code null} when it never reached timing)
 * @param score the JMH score per kernel invocation ({@code null} when not timed)
 * @param throughput GFLOP/s, GOP/s or GB/s derived from the score ({@code null} when not timed)
 * @param verification the check against the reference, made before timing
 * @param energy energy per invocation; {@code null} when none could be had, with {@code
 *     energyUnavailableReason} saying why (never 0 for "unknown")
 * @param energyUnavailableReason why {@code energy} is null, else {@code null}
 * @param overhead the harness's own share of the time, from the null workload ({@code null} unknown)
 * @param rooflineFraction its fraction of this machine's measured roof ({@link Roofline}); absent (not written)
 *     when the run has no calibration or the result has no roof to compare with
 * @param backendMetrics figures the backend's own tools measured over the measured iterations (kernel time,
 *     copy time, power) and once at prepare (compile time), each with its source; absent (not written) when
 *     the backend reports none. They sit beside {@code score} and {@code energy}, never replace them.
 * @param forks per fork (schema 3): its batch size, where it came from and what JMH counted and timed in each
 *     measured iteration, from which {@code score}, {@code throughput} and the energy windows' invocations are
 *     derived (and recomputed by {@code check}); empty (not written) when the result was never timed
 * @param forkConsistency whether the forks' means agree within their intervals ({@link ForkConsistency});
 *     absent with fewer than two forks
 * @param pairedRatios this result against each other implementation of the same case on the same device, timed
 *     in alternating forks ({@link PairedRatio}); empty (not written) when there is none
 * @param interference what else used the machine in each window (idle and measured), flagged by {@link
 *     org.joulebench.results.interference.InterferenceRule}; absent (not written) when not sampled
 * @param prePackedWeights the weight inputs ({@code Kernel.weightInputs()}) the implementation laid out once
 *     while preparing, untimed (e.g. GEMM's {@code B}); absent (not written) when every input was read as given in
 *     each timed run. A pre-packed figure is never compared with a per-call one unlabelled
 */
public record BenchmarkResult(
        String kernel,
        String size,
        String shapeLabel,
        Map<String, Integer> dims,
        String dtype,
        String backend,
        ImplementationRecord implementation,
        String device,
        String deviceName,
        String deviceKind,
        String deviceHardwareId,
        ResultStatus status,
        String failure,
        Work work,
        JmhSettings jmh,
        Score score,
        Throughput throughput,
        Verification verification,
        EnergyResult energy,
        String energyUnavailableReason,
        HarnessOverhead overhead,
        @JsonInclude(JsonInclude.Include.NON_NULL) RooflineFraction rooflineFraction,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<BackendMetricRecord> backendMetrics,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<ForkRecord> forks,
        @JsonInclude(JsonInclude.Include.NON_NULL) ForkConsistency forkConsistency,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<PairedRatio> pairedRatios,
        @JsonInclude(JsonInclude.Include.NON_NULL) Interference interference,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<String> prePackedWeights) {

    /** The size of a result whose shape was given by its dims ({@code --shape}). */
    public static final String CUSTOM_SIZE = "custom";

    /**
     * The null workload's kernel id: it measures the harness's own overhead and is never submitted, ranked or
     * shown on the leaderboard.
     */
    public static final String NULL_WORKLOAD_KERNEL = "noop";

    public BenchmarkResult {
        dims = dims == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dims));
        if (implementation == null) {
            implementation = ImplementationRecord.V1_DEFAULT;
        }
        backendMetrics = backendMetrics == null ? java.util.List.of() : java.util.List.copyOf(backendMetrics);
        forks = forks == null ? java.util.List.of() : java.util.List.copyOf(forks);
        pairedRatios = pairedRatios == null ? java.util.List.of() : java.util.List.copyOf(pairedRatios);
        prePackedWeights = prePackedWeights == null ? java.util.List.of() : java.util.List.copyOf(prePackedWeights);
    }

    /** kernel/dtype/size-or-shape/backend/device: results that differ only in implementation compare directly. */
    public String caseOnDevice() {
        String shape = CUSTOM_SIZE.equals(size) ? shapeLabel : size;
        return kernel + "/" + dtype + "/" + shape + "/" + backend + "/" + device;
    }

    /** kernel/dtype/size-or-shape/backend/implementation/device: what identifies a result within a run. */
    public String key() {
        String shape = CUSTOM_SIZE.equals(size) ? shapeLabel : size;
        return kernel + "/" + dtype + "/" + shape + "/" + backend + "/" + implementation.id() + "/" + device;
    }

    /** True for the null workload ({@value #NULL_WORKLOAD_KERNEL}): harness overhead, never a ranked figure. */
    public boolean nullWorkload() {
        return NULL_WORKLOAD_KERNEL.equals(kernel);
    }

    /** True for a shape given by its dims ({@code size} {@value #CUSTOM_SIZE}, {@code shapeLabel} the dims). */
    public boolean customShape() {
        return CUSTOM_SIZE.equals(size);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a result part by part: the case's identity, then whatever stage it reached. */
    public static final class Builder {
        private String kernel, size, shapeLabel, dtype, backend, device, deviceName, deviceKind, deviceHardwareId;
        private Map<String, Integer> dims;
        private ImplementationRecord implementation;
        private ResultStatus status;
        private String failure;
        private Work work;
        private JmhSettings jmh;
        private Score score;
        private Throughput throughput;
        private Verification verification;
        private EnergyResult energy;
        private String energyUnavailableReason;
        private HarnessOverhead overhead;
        private RooflineFraction rooflineFraction;
        private java.util.List<BackendMetricRecord> backendMetrics;
        private java.util.List<ForkRecord> forks;
        private ForkConsistency forkConsistency;
        private java.util.List<PairedRatio> pairedRatios;
        private Interference interference;
        private java.util.List<String> prePackedWeights;

        private Builder() {}

        private Builder(BenchmarkResult r) {
            kernel = r.kernel;
            size = r.size;
            shapeLabel = r.shapeLabel;
            dims = r.dims;
            dtype = r.dtype;
            backend = r.backend;
            implementation = r.implementation;
            device = r.device;
            deviceName = r.deviceName;
            deviceKind = r.deviceKind;
            deviceHardwareId = r.deviceHardwareId;
            status = r.status;
            failure = r.failure;
            work = r.work;
            jmh = r.jmh;
            score = r.score;
            throughput = r.throughput;
            verification = r.verification;
            energy = r.energy;
            energyUnavailableReason = r.energyUnavailableReason;
            overhead = r.overhead;
            rooflineFraction = r.rooflineFraction;
            backendMetrics = r.backendMetrics;
            forks = r.forks;
            forkConsistency = r.forkConsistency;
            pairedRatios = r.pairedRatios;
            interference = r.interference;
            prePackedWeights = r.prePackedWeights;
        }

        public Builder shape(String kernel, String size, String shapeLabel, Map<String, Integer> dims, String dtype) {
            this.kernel = kernel;
            this.size = size;
            this.shapeLabel = shapeLabel;
            this.dims = dims;
            this.dtype = dtype;
            return this;
        }

        public Builder device(
                String backend,
                ImplementationRecord implementation,
                String device,
                String deviceName,
                String deviceKind,
                String deviceHardwareId) {
            this.backend = backend;
            this.implementation = implementation;
            this.device = device;
            this.deviceName = deviceName;
            this.deviceKind = deviceKind;
            this.deviceHardwareId = deviceHardwareId;
            return this;
        }

        /** A result that ended before (or without) a measurement. */
        public Builder failed(ResultStatus status, String failure) {
            this.status = status;
            this.failure = failure;
            if (energy == null && energyUnavailableReason == null) {
                energyUnavailableReason = "not measured: " + failure;
            }
            return this;
        }

        public Builder status(ResultStatus status) {
            this.status = status;
            return this;
        }

        public Builder work(Work work) {
            this.work = work;
            return this;
        }

        public Builder jmh(JmhSettings jmh) {
            this.jmh = jmh;
            return this;
        }

        public Builder timing(Score score, Throughput throughput) {
            this.score = score;
            this.throughput = throughput;
            return this;
        }

        public Builder verification(Verification verification) {
            this.verification = verification;
            return this;
        }

        public Builder energy(EnergyResult energy, String unavailableReason) {
            this.energy = energy;
            this.energyUnavailableReason = energy == null ? unavailableReason : null;
            return this;
        }

        public Builder overhead(HarnessOverhead overhead) {
            this.overhead = overhead;
            return this;
        }

        public Builder rooflineFraction(RooflineFraction rooflineFraction) {
            this.rooflineFraction = rooflineFraction;
            return this;
        }

        public Builder backendMetrics(java.util.List<BackendMetricRecord> backendMetrics) {
            this.backendMetrics = backendMetrics;
            return this;
        }

        /** The per-fork data the score was derived from, and whether the forks agree. */
        public Builder forks(java.util.List<ForkRecord> forks, ForkConsistency forkConsistency) {
            this.forks = forks;
            this.forkConsistency = forkConsistency;
            return this;
        }

        public Builder pairedRatios(java.util.List<PairedRatio> pairedRatios) {
            this.pairedRatios = pairedRatios;
            return this;
        }

        public Builder interference(Interference interference) {
            this.interference = interference;
            return this;
        }

        public Builder prePackedWeights(java.util.List<String> prePackedWeights) {
            this.prePackedWeights = prePackedWeights;
            return this;
        }

        public BenchmarkResult build() {
            return new BenchmarkResult(
                    kernel,
                    size,
                    shapeLabel,
                    dims,
                    dtype,
                    backend,
                    implementation,
                    device,
                    deviceName,
                    deviceKind,
                    deviceHardwareId,
                    status,
                    failure,
                    work,
                    jmh,
                    score,
                    throughput,
                    verification,
                    energy,
                    energyUnavailableReason,
                    overhead,
                    rooflineFraction,
                    backendMetrics,
                    forks,
                    forkConsistency,
                    pairedRatios,
                    interference,
                    prePackedWeights);
        }
    }
}
