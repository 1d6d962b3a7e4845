package org.joulebench.results.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.Json;
import org.junit.jupiter.api.Test;

/** A GPU result's roofline fraction against the device's own measured roofs (copy curve, vendor GEMM per dtype). */
class DeviceRooflineTest {
    private static final String BUS = "0000:19:00.0";

    private static BenchmarkResult onGpu(String dtype) throws Exception {
        RunRecord run = Json.mapper().readValue(Fixtures.text(Fixtures.RUN), RunRecord.class);
        BenchmarkResult r = run.results().getFirst(); // gemm fp32 S: 33.5 MFLOP, 768 KiB, 26.8 GFLOP/s
        return r.toBuilder()
                .shape(r.kernel(), r.size(), r.shapeLabel(), r.dims(), dtype)
                .device("cuda", r.implementation(), "cuda:0", "NVIDIA H100 80GB HBM3", "GPU", BUS)
                .build();
    }

    private static Calibration calibration(boolean standIn) {
        DeviceCeilings h100 = new DeviceCeilings(
                "cuda:0",
                "NVIDIA H100 80GB HBM3",
                BUS,
                "cuda",
                standIn,
                // copies of 1 MiB (2 MiB moved) at 1 TB/s and 16 MiB at 3 TB/s
                List.of(new BandwidthPoint(2L << 20, 1e12), new BandwidthPoint(32L << 20, 3e12)),
                Map.of("fp32", 50e12, "bf16", 700e12),
                Map.of("fp32", "cuda/cublas gemm fp32 8192^3", "bf16", "cuda/cublas gemm bf16 8192^3"),
                List.of());
        return new Calibration(
                        "host-key",
                        Calibration.FULL,
                        Instant.parse("2026-12-06T00:00:00Z"),
                        1,
                        "cpu",
                        2,
                        2,
                        "v",
                        8,
                        1e11,
                        2e11,
                        1e10,
                        1L << 26,
                        null,
                        null,
                        "none",
                        List.of(),
                        List.of())
                .withDevices(List.of(h100));
    }

    @Test
    void aGpuGemmIsPlacedUnderTheVendorRateOfItsDtypeOrItsWorkingSetsCopyBandwidth() throws Exception {
        BenchmarkResult fp32 = onGpu("fp32");
        RooflineFraction f = Roofline.fraction(fp32, calibration(false));
        // 768 KiB working set: below the smallest copy, 1 TB/s; intensity 33554432 / 786432 = 42.7 FLOP/B,
        // memory roof 42.7 TFLOP/s < the 50 TFLOP/s fp32 GEMM: memory-bound
        assertThat(f.roof()).isEqualTo(RooflineFraction.MEMORY);
        assertThat(f.roofPerSecond())
                .isCloseTo(33554432.0 / 786432 * 1e12, org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(f.fraction())
                .isCloseTo(26.8435456e9 / f.roofPerSecond(), org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(f.calibration()).isEqualTo("host-key cuda:0");

        RooflineFraction bf16 = Roofline.fraction(onGpu("bf16"), calibration(false));
        assertThat(bf16.roof()).isEqualTo(RooflineFraction.MEMORY);
        assertThat(Roofline.fraction(onGpu("fp16"), calibration(false)))
                .as("no fp16 rate measured")
                .isNull();
    }

    @Test
    void theCopyCurveIsInterpolatedInLogSize() {
        DeviceCeilings d = calibration(false).devices().getFirst();
        assertThat(DeviceRoofline.copyAt(d, 8L << 20).bytesPerSecond())
                .isCloseTo(2e12, org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(DeviceRoofline.copyAt(d, 1L << 30).bytesPerSecond()).isEqualTo(3e12);
    }

    @Test
    void noFractionAgainstAStandInsFiguresOrAnotherDevice() throws Exception {
        assertThat(Roofline.fraction(onGpu("fp32"), calibration(true))).isNull();
        BenchmarkResult other = onGpu("fp32").toBuilder()
                .device("cuda", null, "cuda:1", "NVIDIA H100 80GB HBM3", "GPU", "0000:1a:00.0")
                .build();
        assertThat(Roofline.fraction(other, calibration(false))).isNull();
    }

    @Test
    void aCalibrationWithoutDevicesWritesNoDevicesProperty() throws Exception {
        Calibration cpuOnly = new Calibration(
                "k",
                Calibration.FULL,
                Instant.EPOCH,
                1,
                "cpu",
                1,
                1,
                "v",
                1,
                1,
                1,
                1,
                1,
                null,
                null,
                "x",
                List.of(),
                List.of());
        assertThat(Json.mapper().writeValueAsString(cpuOnly)).doesNotContain("devices");
        String withDevices = Json.mapper().writeValueAsString(calibration(false));
        assertThat(Json.mapper().readValue(withDevices, Calibration.class)).isEqualTo(calibration(false));
    }
}
