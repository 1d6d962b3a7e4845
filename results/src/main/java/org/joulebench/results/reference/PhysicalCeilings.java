package org.joulebench.results.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The physical ceilings of {@code results/reference/physical-ceilings.csv}: per chip kind, headline unit
 * and dtype, the most headline units per joule and per second a result may claim when its system declares
 * no datasheet peak. Each row states its basis and source. The file is packaged into this module's jar
 * (the build copies it), so {@code check} uses the committed figures wherever it runs.
 *
 * @param rows every row, in file order
 */
public record PhysicalCeilings(List<Ceiling> rows) {
    public static final String FILE = "physical-ceilings.csv";
    static final String HEADER =
            "chip_kind,headline,dtype,max_giga_units_per_joule,max_giga_units_per_second," + "confidence,basis,source";

    public PhysicalCeilings {
        rows = List.copyOf(rows);
    }

    /**
     * One ceiling.
     *
     * @param chipKind CPU, GPU, ASIC, FPGA or OTHER
     * @param headline FLOP, INT_OP or BYTE
     * @param dtype a dtype id, or {@code *} for any other
     * @param maxGigaUnitsPerJoule most headline units per joule, in giga (GFLOP/J, GOP/J, GB/J)
     * @param maxGigaUnitsPerSecond most headline units per second, in giga; {@code null} when there is none
     * @param basis how the figure was derived
     * @param source where its inputs come from
     */
    public record Ceiling(
            String chipKind,
            String headline,
            String dtype,
            double maxGigaUnitsPerJoule,
            Double maxGigaUnitsPerSecond,
            Confidence confidence,
            String basis,
            String source) {}

    /** The ceilings packaged with this module. */
    public static PhysicalCeilings standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final PhysicalCeilings STANDARD = loadResource();
    }

    private static PhysicalCeilings loadResource() {
        try (InputStream in = PhysicalCeilings.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(
                        FILE + " missing from the results jar (the build copies it from" + " results/reference)");
            }
            return parse(Path.of(FILE), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the CSV text; a malformed row is an error naming file, line and column. */
    static PhysicalCeilings parse(Path file, String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals(HEADER)) {
            throw new IllegalArgumentException(file + ":1: expected header " + HEADER);
        }
        List<Ceiling> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int line = i + 1;
            List<String> c = ReferenceData.splitCsv(file, line, lines.get(i));
            if (c.size() != 8) {
                throw new IllegalArgumentException(file + ":" + line + ": " + c.size() + " columns, expected 8");
            }
            out.add(new Ceiling(
                    c.get(0).strip(),
                    c.get(1).strip(),
                    c.get(2).strip(),
                    positive(file, line, 4, c.get(3)),
                    c.get(4).isBlank() ? null : positive(file, line, 5, c.get(4)),
                    Confidence.parse(c.get(5).strip()),
                    c.get(6).strip(),
                    c.get(7).strip()));
        }
        return new PhysicalCeilings(out);
    }

    private static double positive(Path file, int line, int col, String cell) {
        try {
            double v = Double.parseDouble(cell.strip());
            if (Double.isFinite(v) && v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                file + ":" + line + ": column " + col + ": '" + cell + "' is not a positive number");
    }

    /** The ceiling for a chip kind, headline unit and dtype: the dtype's own row, else the {@code *} row. */
    public Optional<Ceiling> find(String chipKind, String headline, String dtype) {
        Optional<Ceiling> exact = rows.stream()
                .filter(r -> r.chipKind().equals(chipKind)
                        && r.headline().equals(headline)
                        && r.dtype().equals(dtype))
                .findFirst();
        return exact.isPresent()
                ? exact
                : rows.stream()
                        .filter(r -> r.chipKind().equals(chipKind)
                                && r.headline().equals(headline)
                                && r.dtype().equals("*"))
                        .findFirst();
    }
}
