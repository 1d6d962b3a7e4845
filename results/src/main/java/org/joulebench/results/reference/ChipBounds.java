package org.joulebench.results.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a chip of each kind can be and draw ({@code results/reference/chip-power-bounds.csv}, packaged into this
 * module's jar like the physical ceilings): the range of TDPs, the least power a loaded chip draws, how far above
 * its TDP its average power can go, and the earliest date a chip of the kind was announced. Each row states its
 * basis and source. {@code check} bounds declared figures, power and dates by these.
 *
 * @param rows every row, in file order
 */
public record ChipBounds(List<Bound> rows) {
    public static final String FILE = "chip-power-bounds.csv";
    static final String HEADER = "chip_kind,min_tdp_watts,max_tdp_watts,min_loaded_watts,min_loaded_fraction_of_tdp,"
            + "max_power_fraction_of_tdp,earliest_announced,basis,source";

    public ChipBounds {
        rows = List.copyOf(rows);
    }

    /**
     * One chip kind's bounds.
     *
     * @param chipKind CPU, GPU, ASIC, FPGA or OTHER
     * @param minTdpWatts lowest TDP a chip of the kind is rated at (W)
     * @param maxTdpWatts highest (W)
     * @param minLoadedWatts least average power of the whole chip while it runs a kernel (W)
     * @param minLoadedFractionOfTdp least average power while loaded, as a fraction of its TDP
     * @param maxPowerFractionOfTdp most average power over a measurement window, as a multiple of its TDP
     * @param earliestAnnounced the first chip of the kind
     * @param basis how the figures were chosen
     * @param source where they come from
     */
    public record Bound(
            String chipKind,
            double minTdpWatts,
            double maxTdpWatts,
            double minLoadedWatts,
            double minLoadedFractionOfTdp,
            double maxPowerFractionOfTdp,
            YearMonth earliestAnnounced,
            String basis,
            String source) {}

    public static ChipBounds standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final ChipBounds STANDARD = parse(Path.of(FILE), resource(FILE));
    }

    /** A file of {@code results/reference} packaged into this module's jar. */
    static String resource(String name) {
        try (InputStream in = ChipBounds.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        name + " missing from the results jar (the build copies it from" + " results/reference)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChipBounds parse(Path file, String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals(HEADER)) {
            throw new IllegalArgumentException(file + ":1: expected header " + HEADER);
        }
        List<Bound> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> c = ReferenceData.splitCsv(file, i + 1, lines.get(i));
            if (c.size() != 9) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + c.size() + " columns, expected 9");
            }
            try {
                out.add(new Bound(
                        c.get(0).strip(),
                        Double.parseDouble(c.get(1).strip()),
                        Double.parseDouble(c.get(2).strip()),
                        Double.parseDouble(c.get(3).strip()),
                        Double.parseDouble(c.get(4).strip()),
                        Double.parseDouble(c.get(5).strip()),
                        YearMonth.parse(c.get(6).strip()),
                        c.get(7).strip(),
                        c.get(8).strip()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new ChipBounds(out);
    }

    /** The row of a chip kind, else OTHER's. */
    public Bound of(String chipKind) {
        Optional<Bound> exact =
                rows.stream().filter(r -> r.chipKind().equals(chipKind)).findFirst();
        return exact.orElseGet(() -> rows.stream()
                .filter(r -> r.chipKind().equals("OTHER"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(FILE + " has no OTHER row")));
    }
}
