package org.joulebench.results.check;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.joulebench.results.reference.ChipBounds;
import org.joulebench.results.reference.GpuDatasheet;
import org.joulebench.results.reference.PhysicalCeilings;
import org.joulebench.results.reference.ReferenceData;
import org.joulebench.results.system.SystemDescription;

/**
 * The figures a system.json declares (rule {@code declaration}): they may only tighten the bounds a result meets
 * (PhysicsRules and ResultRules take the lower of declared and physical), and are themselves bounded, so that a
 * system page never shows an impossible datasheet: a TDP inside the range of the chip kind
 * ({@code reference/chip-power-bounds.csv}); a peak under the physical ceiling's throughput and, with the TDP, its
 * efficiency; an announcement date not before the first chip of the kind and not after today; and, where the chip
 * is listed in {@code reference/gpu-datasheets.csv}, peaks and TDP plausible against its row. One finding per
 * system.json, naming the field; never a figure to aim for.
 */
final class DeclarationRules {
    /** A declared peak may exceed the reference datasheet row by this factor (boost clocks, rounding). */
    static final double PEAK_OVER_REFERENCE = 1.25;

    /** A declared TDP may differ from the reference row by these factors (power-capped and boosted variants). */
    static final double TDP_UNDER_REFERENCE = 0.25;

    static final double TDP_OVER_REFERENCE = 1.5;

    private final Path file;
    private final List<Problem> out;

    private DeclarationRules(Path file, List<Problem> out) {
        this.file = file;
        this.out = out;
    }

    static void check(Path systemFile, SystemDescription s, List<Problem> out, LocalDate today) {
        new DeclarationRules(systemFile, out).apply(s, today);
    }

    private void reject(String field, String message) {
        out.add(new Problem(Severity.REJECT, Rule.DECLARATION, file, field, message, null));
    }

    private void apply(SystemDescription s, LocalDate today) {
        String kind = s.chipKind() == null ? "OTHER" : s.chipKind().name();
        ChipBounds.Bound bound = ChipBounds.standard().of(kind);
        Double tdp = s.tdpWatts();
        if (tdp != null && !(tdp >= bound.minTdpWatts() && tdp <= bound.maxTdpWatts())) {
            reject(
                    "$.tdpWatts",
                    String.format(
                            Locale.ROOT,
                            "a TDP of %.4g W is outside the range of a %s (%s)",
                            tdp,
                            kind,
                            ChipBounds.FILE));
        }
        if (s.announced() != null) {
            if (s.announced().isAfter(today)) {
                reject("$.announced", "announced " + s.announced() + ", after today (" + today + ")");
            } else if (s.announced().isBefore(bound.earliestAnnounced().atDay(1))) {
                reject(
                        "$.announced",
                        "announced " + s.announced() + ", before the first " + kind + " (" + bound.earliestAnnounced()
                                + ", " + ChipBounds.FILE + ")");
            }
        }
        SystemDescription.DatasheetPeaks peaks = s.datasheetPeaks();
        Optional<GpuDatasheet> listed = listed(s);
        if (peaks != null) {
            for (Map.Entry<String, Double> e : peaks.flopsPerSecondByDtype().entrySet()) {
                peak(kind, e.getKey(), e.getValue(), tdp, listed);
            }
            Double bw = peaks.memoryBandwidthBytesPerSecond();
            Optional<PhysicalCeilings.Ceiling> bytes =
                    PhysicalCeilings.standard().find(kind, "BYTE", "*");
            if (bw != null
                    && bytes.isPresent()
                    && bytes.get().maxGigaUnitsPerSecond() != null
                    && !(bw / 1e9 <= bytes.get().maxGigaUnitsPerSecond())) {
                reject(
                        "$.datasheetPeaks.memoryBandwidthBytesPerSecond",
                        String.format(
                                Locale.ROOT,
                                "%.4g B/s is beyond the physical ceiling for a %s (%s)",
                                bw,
                                kind,
                                PhysicalCeilings.FILE));
            } else if (bw != null
                    && listed.isPresent()
                    && listed.get().memoryBandwidthTbps() != null
                    && bw > listed.get().memoryBandwidthTbps() * 1e12 * PEAK_OVER_REFERENCE) {
                reject(
                        "$.datasheetPeaks.memoryBandwidthBytesPerSecond",
                        String.format(
                                Locale.ROOT,
                                "%.4g B/s is more than the %s datasheet in %s",
                                bw,
                                listed.get().model(),
                                ReferenceData.GPU_FILE));
            }
        }
        if (tdp != null && listed.isPresent() && listed.get().tdpWatts() != null) {
            double ref = listed.get().tdpWatts();
            if (tdp < ref * TDP_UNDER_REFERENCE || tdp > ref * TDP_OVER_REFERENCE) {
                reject(
                        "$.tdpWatts",
                        String.format(
                                Locale.ROOT,
                                "a TDP of %.4g W is not plausible for the %s listed in %s",
                                tdp,
                                listed.get().model(),
                                ReferenceData.GPU_FILE));
            }
        }
    }

    private void peak(String kind, String dtype, Double value, Double tdp, Optional<GpuDatasheet> listed) {
        String field = "$.datasheetPeaks.flopsPerSecondByDtype." + dtype;
        if (value == null) {
            return;
        }
        String headline = dtype.startsWith("int") ? "INT_OP" : "FLOP";
        Optional<PhysicalCeilings.Ceiling> c = PhysicalCeilings.standard().find(kind, headline, dtype);
        if (c.isPresent()) {
            Double maxRate = c.get().maxGigaUnitsPerSecond();
            if (maxRate != null && !(value / 1e9 <= maxRate)) {
                reject(
                        field,
                        String.format(
                                Locale.ROOT,
                                "a %s peak of %.4g op/s is beyond the physical ceiling for" + " a %s (%s)",
                                dtype,
                                value,
                                kind,
                                PhysicalCeilings.FILE));
                return;
            }
            if (tdp != null && tdp > 0 && !(value / tdp / 1e9 <= c.get().maxGigaUnitsPerJoule())) {
                reject(
                        field,
                        String.format(
                                Locale.ROOT,
                                "the declared %s peak over tdpWatts is an efficiency beyond"
                                        + " the physical ceiling for a %s (%s)",
                                dtype,
                                kind,
                                PhysicalCeilings.FILE));
                return;
            }
        }
        if (listed.isPresent()) {
            GpuDatasheet g = listed.get();
            Double ref = switch (dtype) {
                case "fp32" -> g.fp32Tflops();
                case "fp16", "bf16" -> g.denseFp16OrBf16Tflops();
                default -> null;
            };
            if (ref != null && value > ref * 1e12 * PEAK_OVER_REFERENCE) {
                reject(
                        field,
                        String.format(
                                Locale.ROOT,
                                "a %s peak of %.4g op/s is more than the %s datasheet in %s",
                                dtype,
                                value,
                                g.model(),
                                ReferenceData.GPU_FILE));
            }
        }
    }

    /** The reference row of the declared chip: the vendor's, with every word of its model in chipModel. */
    static Optional<GpuDatasheet> listed(SystemDescription s) {
        if (s.chipModel() == null || s.chipVendor() == null) {
            return Optional.empty();
        }
        Set<String> words = RecordedDevices.words(s.chipModel());
        String vendor = s.chipVendor().toLowerCase(Locale.ROOT);
        return ReferenceData.packagedGpuDatasheets().stream()
                .filter(g -> vendor.contains(g.vendor().toLowerCase(Locale.ROOT)))
                .filter(g -> words.containsAll(RecordedDevices.words(g.model())))
                .findFirst();
    }
}
