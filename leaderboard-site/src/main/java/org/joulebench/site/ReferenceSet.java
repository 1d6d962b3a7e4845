package org.joulebench.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Public datasheet and history figures: context for the charts, never measurements. Read from {@code
 * results/reference/*.csv}; each row keeps its {@code source} and {@code confidence}.
 *
 * <p>Replace with the results module's typed {@code ReferenceData} once it lands (same CSV files).
 */
public record ReferenceSet(List<GpuDatasheet> gpus, List<AsicPoint> bitcoinAsics, List<Green500Point> green500) {

    public static final String GPU_FILE = "gpu-datasheets.csv";
    public static final String BITCOIN_FILE = "bitcoin-asic-history.csv";
    public static final String GREEN500_FILE = "green500-leaders.csv";

    public ReferenceSet {
        gpus = List.copyOf(gpus);
        bitcoinAsics = List.copyOf(bitcoinAsics);
        green500 = List.copyOf(green500);
    }

    public static ReferenceSet empty() {
        return new ReferenceSet(List.of(), List.of(), List.of());
    }

    /**
     * A GPU generation's datasheet figures.
     *
     * @param announced {@code YYYY-MM}
     * @param denseFp16OrBf16Tflops datasheet dense fp16/bf16 peak, TFLOP/s ({@code null} unknown)
     * @param fp32Tflops datasheet fp32 peak, TFLOP/s ({@code null} unknown)
     * @param memoryBandwidthTbps TB/s
     */
    public record GpuDatasheet(
            String vendor,
            String model,
            String announced,
            String process,
            double tdpWatts,
            Double denseFp16OrBf16Tflops,
            Double fp32Tflops,
            Double memoryBandwidthTbps,
            String confidence,
            String source) {

        /** Datasheet efficiency (peak / TDP) in GFLOP/J for a dtype, or {@code null} when not declared. */
        public Double datasheetGflopsPerJoule(String dtype) {
            Double tflops = switch (dtype) {
                case "fp32" -> fp32Tflops;
                case "fp16", "bf16" -> denseFp16OrBf16Tflops;
                default -> null;
            };
            return tflops == null ? null : tflops * 1000.0 / tdpWatts;
        }
    }

    /** A Bitcoin mining device: joules per terahash (lower is better). */
    public record AsicPoint(
            String hardware, String kind, int year, double joulesPerTerahash, String confidence, String source) {}

    /** A Green500 leader: HPL GFLOPS/W. {@code list} is {@code YYYY-MM}. */
    public record Green500Point(
            String list, String systemOrNote, double gflopsPerWatt, String confidence, String source) {}

    /** Reads the three files that exist in {@code dir}; a missing file gives an empty list, a bad row an error. */
    public static ReferenceSet load(Path dir) {
        if (dir == null) {
            return empty();
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("reference data folder not found: " + dir);
        }
        Path gpuFile = dir.resolve(GPU_FILE);
        Path asicFile = dir.resolve(BITCOIN_FILE);
        Path greenFile = dir.resolve(GREEN500_FILE);
        List<GpuDatasheet> gpus = !Files.exists(gpuFile)
                ? List.of()
                : Csv.read(gpuFile).stream()
                        .map(r -> new GpuDatasheet(
                                r.text("vendor"),
                                r.text("model"),
                                r.text("announced"),
                                r.text("process"),
                                required(r, "tdp_watts"),
                                r.number("dense_fp16_or_bf16_tflops"),
                                r.number("fp32_tflops"),
                                r.number("memory_bandwidth_tbps"),
                                r.text("confidence"),
                                r.text("source")))
                        .toList();
        List<AsicPoint> asics = !Files.exists(asicFile)
                ? List.of()
                : Csv.read(asicFile).stream()
                        .map(r -> new AsicPoint(
                                r.text("hardware"),
                                r.text("kind"),
                                (int) required(r, "year"),
                                required(r, "joules_per_terahash"),
                                r.text("confidence"),
                                r.text("source")))
                        .toList();
        List<Green500Point> green = !Files.exists(greenFile)
                ? List.of()
                : Csv.read(greenFile).stream()
                        .map(r -> new Green500Point(
                                r.text("list"),
                                r.text("system_or_note"),
                                required(r, "gflops_per_watt"),
                                r.text("confidence"),
                                r.text("source")))
                        .toList();
        return new ReferenceSet(gpus, asics, green);
    }

    private static double required(Csv.Row row, String column) {
        Double v = row.number(column);
        if (v == null || !(v > 0)) {
            throw new IllegalArgumentException(
                    row.file() + " line " + row.line() + " column '" + column + "': a positive number is required");
        }
        return v;
    }
}
