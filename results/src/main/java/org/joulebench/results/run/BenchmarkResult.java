package org.joulebench.results.run;

import java.util.Map;

/**
 * One kernel/shape/dtype on one backend device.
 *
 * @param kernel kernel id (e.g. {@code gemm})
 * @param size size class S, M or L
 * @param shapeLabel the shape's name in the catalogue
 * @param dims the shape's dimensions
 * @param dtype precision variant (fp32, fp16, bf16, int8, int4)
 * @param backend backend id
 * @param device device id within the backend
 * @param deviceName the device's model name
 * @param status OK, VERIFICATION_FAILED or ERROR
 * @param failure what went wrong when status is not OK, else {@code null}
 * @param work work per invocation
 * @param jmh how it was timed ({@code null} when it never reached timing)
 * @param score the JMH score ({@code null} when not timed)
 * @param throughput GFLOP/s, GOP/s or GB/s derived from the score ({@code null} when not timed)
 * @param verification the check against the reference, made before timing
 * @param energy energy per operation; {@code null} when none could be had, with {@code
 *     energyUnavailableReason} saying why (never 0 for "unknown")
 * @param energyUnavailableReason why {@code energy} is null, else {@code null}
 */
public record BenchmarkResult(
        String kernel,
        String size,
        String shapeLabel,
        Map<String, Integer> dims,
        String dtype,
        String backend,
        String device,
        String deviceName,
        ResultStatus status,
        String failure,
        Work work,
        JmhSettings jmh,
        Score score,
        Throughput throughput,
        Verification verification,
        EnergyResult energy,
        String energyUnavailableReason) {

    public BenchmarkResult {
        dims = dims == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dims));
    }

    /** kernel/dtype/size/backend/device: what identifies a result within a run. */
    public String key() {
        return kernel + "/" + dtype + "/" + size + "/" + backend + "/" + device;
    }
}
