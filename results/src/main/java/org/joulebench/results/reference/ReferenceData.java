package org.joulebench.results.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The reference CSVs of {@code results/reference/}: datasheet and history context, never measurements.
 *
 * @param gpuDatasheets gpu-datasheets.csv
 * @param bitcoinAsics bitcoin-asic-history.csv
 * @param green500 green500-leaders.csv
 */
public record ReferenceData(
        List<GpuDatasheet> gpuDatasheets, List<BitcoinAsicPoint> bitcoinAsics, List<Green500Point> green500) {

    public static final String GPU_FILE = "gpu-datasheets.csv";
    public static final String BITCOIN_FILE = "bitcoin-asic-history.csv";
    public static final String GREEN500_FILE = "green500-leaders.csv";

    public ReferenceData {
        gpuDatasheets = List.copyOf(gpuDatasheets);
        bitcoinAsics = List.copyOf(bitcoinAsics);
        green500 = List.copyOf(green500);
    }

    /**
     * Loads the three files from {@code dir}.
     *
     * @throws IllegalArgumentException a malformed file (message names file, line and column)
     */
    public static ReferenceData load(Path dir) throws IOException {
        return new ReferenceData(
                gpus(dir.resolve(GPU_FILE), Files.readAllLines(dir.resolve(GPU_FILE), StandardCharsets.UTF_8)),
                read(
                        dir.resolve(BITCOIN_FILE),
                        "hardware,kind,year,joules_per_terahash,confidence,source",
                        r -> new BitcoinAsicPoint(
                                r.text(0), r.text(1), (int) r.number(2), r.number(3), r.confidence(4), r.text(5))),
                read(
                        dir.resolve(GREEN500_FILE),
                        "list,system_or_note,gflops_per_watt,confidence,source",
                        r -> new Green500Point(r.yearMonth(0), r.text(1), r.number(2), r.confidence(3), r.text(4))));
    }

    /** The GPU datasheet rows packaged into this module's jar: {@code check} compares declared figures with them. */
    public static List<GpuDatasheet> packagedGpuDatasheets() {
        return PackagedGpus.ROWS;
    }

    private static final class PackagedGpus {
        static final List<GpuDatasheet> ROWS =
                gpus(Path.of(GPU_FILE), ChipBounds.resource(GPU_FILE).lines().toList());
    }

    private static List<GpuDatasheet> gpus(Path file, List<String> lines) {
        return read(
                file,
                lines,
                "vendor,model,announced,process,tdp_watts,dense_fp16_or_bf16_tflops,fp32_tflops,"
                        + "memory_bandwidth_tbps,confidence,source",
                r -> new GpuDatasheet(
                        r.text(0),
                        r.text(1),
                        r.yearMonth(2),
                        r.text(3),
                        r.optionalNumber(4),
                        r.optionalNumber(5),
                        r.optionalNumber(6),
                        r.optionalNumber(7),
                        r.confidence(8),
                        r.text(9)));
    }

    /** One CSV row with typed, error-naming accessors. */
    private record Row(Path file, int line, List<String> cells) {
        IllegalArgumentException error(int col, String problem) {
            return new IllegalArgumentException(file + ":" + line + ": column " + (col + 1) + ": " + problem);
        }

        String text(int col) {
            String s = cells.get(col).strip();
            if (s.isEmpty()) {
                throw error(col, "is empty");
            }
            return s;
        }

        double number(int col) {
            try {
                double v = Double.parseDouble(text(col));
                if (!Double.isFinite(v) || v < 0) {
                    throw error(col, "must be a finite non-negative number");
                }
                return v;
            } catch (NumberFormatException e) {
                throw error(col, "'" + cells.get(col) + "' is not a number");
            }
        }

        Double optionalNumber(int col) {
            return cells.get(col).isBlank() ? null : number(col);
        }

        YearMonth yearMonth(int col) {
            try {
                return YearMonth.parse(text(col));
            } catch (DateTimeParseException e) {
                throw error(col, "'" + cells.get(col) + "' is not YYYY-MM");
            }
        }

        Confidence confidence(int col) {
            try {
                return Confidence.parse(text(col));
            } catch (IllegalArgumentException e) {
                throw error(col, "confidence must be high, medium or low, not '" + cells.get(col) + "'");
            }
        }
    }

    private static <T> List<T> read(Path file, String header, Function<Row, T> mapper) throws IOException {
        return read(file, Files.readAllLines(file, StandardCharsets.UTF_8), header, mapper);
    }

    private static <T> List<T> read(Path file, List<String> lines, String header, Function<Row, T> mapper) {
        if (lines.isEmpty() || !lines.getFirst().strip().equals(header)) {
            throw new IllegalArgumentException(file + ":1: expected header " + header);
        }
        int columns = header.split(",").length;
        List<T> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = splitCsv(file, i + 1, lines.get(i));
            if (cells.size() != columns) {
                throw new IllegalArgumentException(
                        file + ":" + (i + 1) + ": " + cells.size() + " columns, expected " + columns);
            }
            out.add(mapper.apply(new Row(file, i + 1, cells)));
        }
        return out;
    }

    /** RFC 4180 fields on one line: commas separate, double quotes quote, {@code ""} is a quote. */
    static List<String> splitCsv(Path file, int line, String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + ":" + line + ": unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }
}
