package org.joulebench.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.PairedRatio;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * Software vs silicon on one device: our portable implementation against the vendor library on the same kernel,
 * dtype, shape and device, as the throughput ratio ours ÷ vendor. Where the run timed the two in alternating forks,
 * the record's paired ratio ({@link PairedRatio}, recomputed by {@code check}) with its 95 % interval is shown and
 * said to be paired; otherwise the ratio of the two independent scores, marked unpaired (on a shared, noisy machine
 * it holds the drift between the two measurements as well).
 */
public final class SoftwareVsSilicon {
    static final String PAIRED = "paired";
    static final String UNPAIRED = "unpaired";

    /**
     * One comparison, preformatted.
     *
     * @param basis {@code paired, N fork pairs} or {@code unpaired: independent scores}
     * @param interval the paired ratio's 95 % interval, {@code –} when there is none
     * @param note how the ratio was obtained, for people
     */
    public record Line(
            String kernel,
            String dtype,
            String size,
            String device,
            String ours,
            String vendor,
            String ratio,
            String interval,
            String basis,
            String note,
            String runId) {
        public boolean paired() {
            return basis.startsWith(PAIRED);
        }
    }

    private SoftwareVsSilicon() {}

    /** The comparisons in one run's results (a paired ratio relates two results of one record only). */
    static List<Line> of(String runId, List<BenchmarkResult> results) {
        Map<String, List<BenchmarkResult>> byCase = new LinkedHashMap<>();
        for (BenchmarkResult b : results) {
            if (b.status() == ResultStatus.OK
                    && b.throughput() != null
                    && b.throughput().value() > 0) {
                byCase.computeIfAbsent(b.caseOnDevice(), k -> new ArrayList<>()).add(b);
            }
        }
        List<Line> out = new ArrayList<>();
        for (List<BenchmarkResult> group : byCase.values()) {
            for (BenchmarkResult ours : group) {
                if (!is(ours, ImplementationKind.PORTABLE)) {
                    continue;
                }
                for (BenchmarkResult vendor : group) {
                    if (is(vendor, ImplementationKind.VENDOR_LIBRARY)) {
                        out.add(line(runId, ours, vendor));
                    }
                }
            }
        }
        return out;
    }

    private static boolean is(BenchmarkResult b, ImplementationKind kind) {
        return kind.name().equals(b.implementation().kind());
    }

    private static Line line(String runId, BenchmarkResult ours, BenchmarkResult vendor) {
        String vendorId = vendor.implementation().id();
        String oursId = ours.implementation().id();
        PairedRatio paired = ours.pairedRatios().stream()
                .filter(p -> p.versusImplementation().equals(vendorId))
                .findFirst()
                .orElse(null);
        Double ratio, low = null, high = null;
        int pairs = 0;
        if (paired != null) {
            ratio = paired.ratio();
            low = paired.low();
            high = paired.high();
            pairs = paired.pairs();
        } else {
            // the vendor's own paired ratio against ours, turned round
            PairedRatio theirs = vendor.pairedRatios().stream()
                    .filter(p -> p.versusImplementation().equals(oursId))
                    .findFirst()
                    .orElse(null);
            if (theirs != null) {
                paired = theirs;
                ratio = 1 / theirs.ratio();
                low = theirs.high() == null ? null : 1 / theirs.high();
                high = theirs.low() == null ? null : 1 / theirs.low();
                pairs = theirs.pairs();
            } else {
                ratio = ours.throughput().value() / vendor.throughput().value();
            }
        }
        String note = paired != null
                ? "paired: timed in alternating forks (" + pairs + " fork pair" + (pairs == 1 ? "" : "s")
                        + "), geometric mean of the pairs' ratios"
                        + (low == null ? "; one pair, no interval" : " with its 95 % interval")
                : "unpaired: ratio of two independent scores (not timed in alternating forks), so it also holds"
                        + " whatever changed on the machine between the two measurements";
        return new Line(
                ours.kernel(),
                ours.dtype(),
                ours.customShape() ? ours.shapeLabel() : ours.size(),
                ours.backend() + " " + ours.device(),
                oursId + " " + Fmt.num(ours.throughput().value()) + " "
                        + ours.throughput().unit(),
                vendorId + " " + Fmt.num(vendor.throughput().value()) + " "
                        + vendor.throughput().unit(),
                Fmt.num(ratio),
                low == null || high == null ? "–" : Fmt.num(low) + " – " + Fmt.num(high),
                paired != null
                        ? PAIRED + ", " + pairs + " fork pair" + (pairs == 1 ? "" : "s")
                        : UNPAIRED + ": independent scores",
                note,
                runId);
    }
}
