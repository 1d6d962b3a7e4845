package org.joulebench.results.reference;

import java.time.YearMonth;

/**
 * A GPU's datasheet figures (declared, not measured). Missing figures are {@code null}.
 *
 * @param denseFp16OrBf16Tflops dense fp16/bf16 peak, TFLOP/s
 * @param fp32Tflops fp32 peak, TFLOP/s
 * @param memoryBandwidthTbps memory bandwidth, TB/s
 */
public record GpuDatasheet(
        String vendor,
        String model,
        YearMonth announced,
        String process,
        Double tdpWatts,
        Double denseFp16OrBf16Tflops,
        Double fp32Tflops,
        Double memoryBandwidthTbps,
        Confidence confidence,
        String source) {

    public boolean lowConfidence() {
        return confidence == Confidence.LOW;
    }

    /** Datasheet fp16/bf16 efficiency in GFLOP/J (peak / TDP), or {@code null} without both figures. */
    public Double datasheetFp16GflopsPerJoule() {
        return denseFp16OrBf16Tflops == null || tdpWatts == null ? null : denseFp16OrBf16Tflops * 1000 / tdpWatts;
    }
}
