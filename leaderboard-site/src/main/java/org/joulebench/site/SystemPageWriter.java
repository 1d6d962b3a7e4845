package org.joulebench.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.system.SystemDescription;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * The system pages: one page per system with its results (one chip's implementations on adjacent rows),
 * its devices and roofs, and the raw run files it was built from, copied only from the bytes {@code
 * check} accepted and never through a link.
 */
final class SystemPageWriter {
    /** Renders a template into a file (the generator's engine). */
    @FunctionalInterface
    interface Pages {
        void page(String template, Object param, Path file) throws IOException;
    }

    private final Pages pages;

    SystemPageWriter(Pages pages) {
        this.pages = pages;
    }

    void write(SiteModel model, int index, Path out) {
        SystemEntry sys = model.systems().get(index);
        SiteModel.Source src = model.sources().get(index);
        try {
            Path raw = out.resolve("raw").resolve(sys.id());
            Files.createDirectories(raw.resolve("runs"));
            List<List<String>> files = new ArrayList<>();
            if (src.submission() != null) {
                // only the bytes check verified: never a file read from the submissions folder again
                for (String f : List.of("system.json", "manifest.json", "manifest.sig", "public-key.pem")) {
                    byte[] bytes = src.submission().files().get(f);
                    if (bytes != null) {
                        writeNoFollow(raw.resolve(f), bytes);
                        files.add(List.of(f, "../raw/" + sys.id() + "/" + f));
                    }
                }
            }
            Map<String, String> runHref = new LinkedHashMap<>();
            for (SiteRun run : src.runs()) {
                String name = rawRunName(run.fileName());
                Path to = raw.resolve("runs").resolve(name);
                writeNoFollow(to, run.raw() != null ? run.raw() : SiteJson.MAPPER.writeValueAsBytes(run.record()));
                String href = "../raw/" + sys.id() + "/runs/" + name;
                files.add(List.of("runs/" + name, href));
                runHref.put(run.record().runId(), href);
            }
            List<SystemPage.Line> lines = new ArrayList<>();
            List<SoftwareVsSilicon.Line> versus = new ArrayList<>();
            List<BenchmarkResult> shown = new ArrayList<>();
            for (SiteRun run : src.runs()) {
                var shortfalls = org.joulebench.results.check.SubmissionProfile.shortfalls(run.record());
                Map<BenchmarkResult, Integer> at = new java.util.IdentityHashMap<>();
                run.record().results().forEach(b -> at.put(b, at.size()));
                List<BenchmarkResult> covered = run.record().results().stream()
                        .filter(b -> src.covers(b) && !b.nullWorkload())
                        .toList();
                shown.addAll(covered);
                versus.addAll(SoftwareVsSilicon.of(run.record().runId(), covered));
                for (BenchmarkResult b : sideBySide(covered)) {
                    String unranked = run.record().sweep() != null
                            ? SweepSection.UNRANKED
                            : src.submission() == null
                                    ? null
                                    : shortfalls.get(at.get(b)).orElse(null);
                    lines.addAll(lines(
                            sys,
                            b,
                            run.record().runId(),
                            runHref.get(run.record().runId()),
                            unranked));
                }
            }
            List<List<String>> facts = new ArrayList<>();
            if (src.submission() != null) {
                SystemDescription d = src.submission().system();
                facts.add(List.of("Process", String.valueOf(d.processNode())));
                facts.add(List.of("TDP", d.tdpWatts() == null ? "not declared" : Fmt.num(d.tdpWatts()) + " W"));
                facts.add(List.of("Memory", String.valueOf(d.memory())));
                facts.add(List.of("Host", String.valueOf(d.host())));
                facts.add(List.of("Cooling", String.valueOf(d.cooling())));
                if (d.datasheetPeaks() == null) {
                    facts.add(List.of("Datasheet peaks", "no datasheet declared"));
                } else {
                    var pk = d.datasheetPeaks();
                    pk.flopsPerSecondByDtype()
                            .forEach((dt, v) ->
                                    facts.add(List.of("Datasheet peak " + dt, Fmt.num(v / 1e12) + " TFLOP/s")));
                    if (pk.memoryBandwidthBytesPerSecond() != null) {
                        facts.add(List.of(
                                "Datasheet memory bandwidth",
                                Fmt.num(pk.memoryBandwidthBytesPerSecond() / 1e9) + " GB/s"));
                    }
                    facts.add(List.of("Datasheet source", String.valueOf(pk.source())));
                }
            } else {
                var env = src.localRun().record().environment();
                if (src.backend() != null) {
                    facts.add(List.of("Backend / device", src.backend() + " / " + src.device()));
                }
                facts.add(List.of("Host CPU", env.cpuModel() + " (" + env.cpuVendor() + ")"));
                facts.add(List.of("OS", env.osName() + " " + env.osVersion()));
                facts.add(List.of("JVM", env.jvmVendor() + " " + env.jvmVersion()));
            }
            facts.addAll(deviceFacts(shown));
            facts.addAll(interferenceFacts(shown));
            facts.addAll(SweepSection.facts(src.runs()));
            if (src.runs().stream().anyMatch(run -> run.record().schemaVersion() < 3)) {
                facts.add(List.of(
                        "Measured before the per-fork batch fix",
                        "these runs are of schema "
                                + src.runs().stream()
                                        .mapToInt(run -> run.record().schemaVersion())
                                        .min()
                                        .orElseThrow()
                                + ", written before schema 3 (2026-12-06): each fork chose its own batch size and every"
                                + " fork's time was divided by the first fork's, so results of several forks may be"
                                + " mis-scaled by their ratio; they keep no per-fork batch sizes and cannot be"
                                + " recomputed. Kept as committed, for history."));
            }
            var m = sys.measuredRoofs();
            if (m != null) {
                facts.add(List.of(
                        "Measured roofs (" + m.mode() + " calibration, " + m.measuredAt() + ")",
                        "fp32 FMA peak " + Fmt.num(m.peakFlopsPerSecond() / 1e9) + " GFLOP/s ("
                                + Fmt.num(m.peakFlopsPerSecondOneCore() / 1e9) + " on one core), triad "
                                + Fmt.num(m.bytesPerSecond() / 1e9) + " GB/s, vendor sgemm "
                                + (m.vendorGemmFlopsPerSecond() == null
                                        ? "not measured"
                                        : Fmt.num(m.vendorGemmFlopsPerSecond() / 1e9) + " GFLOP/s")));
                if (!m.bandwidthCurve().isEmpty()) {
                    facts.add(List.of(
                            "Measured bandwidth in caches (triad; working set of the three arrays)",
                            m.bandwidthCurve().stream()
                                    .map(p -> Fmt.num(p.workingSetBytes() / 1048576.0) + " MiB: "
                                            + Fmt.num(p.triadBytesPerSecond() / 1e9) + " GB/s")
                                    .collect(java.util.stream.Collectors.joining(", "))));
                }
            }
            SystemPage page = new SystemPage(sys, facts, files, lines, List.of(), versus);
            pages.page("system", page, out.resolve("systems").resolve(sys.id() + ".html"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the page and raw files of " + sys.id() + " into " + out + ": " + e.getMessage(), e);
        }
    }

    /** Run file names a manifest may list (results' {@code Manifest.LISTED_PATH}): kept as they are. */
    private static final java.util.regex.Pattern SAFE_RUN_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.json");

    /**
     * The raw copy's name: the original one, so it matches the paths in manifest.json; only a name outside the
     * safe charset (possible for a local run file) becomes a slug.
     */
    /** Writes a file of the site; an existing link at that path is never followed (the write fails). */
    static void writeNoFollow(Path file, byte[] bytes) throws IOException {
        Files.write(
                file,
                bytes,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    static String rawRunName(String fileName) {
        if (SAFE_RUN_NAME.matcher(fileName).matches()) {
            return fileName;
        }
        return SiteModel.slug(fileName.replaceAll("\\.json$", "")) + ".json";
    }

    private static List<SystemPage.Line> lines(
            SystemEntry sys, BenchmarkResult b, String runId, String href, String unranked) {
        String status = b.status() == null ? "?" : b.status().name();
        if (b.failure() != null) {
            status += ": " + b.failure();
        }
        if (unranked != null) {
            status += "; not ranked: " + unranked;
        }
        String verification = b.verification() == null
                ? "not verified"
                : (b.verification().passed() ? "passed" : "FAILED") + " (max rel. error "
                        + Fmt.num(b.verification().maxRelativeError()) + ")";
        String thr = b.throughput() == null
                ? "–"
                : Fmt.num(b.throughput().value()) + " " + b.throughput().unit();
        String size = b.customShape() ? "custom" : b.size();
        String impl = b.implementation().id() + " (" + SiteModel.implementationLabel(b.implementation()) + ")";
        List<SystemPage.Line> out = new ArrayList<>();
        List<DomainEnergy> domains = b.energy() == null ? List.of() : b.energy().domains();
        HeadlineUnit headline = b.work() == null ? null : b.work().headlineUnit();
        boolean memory = headline != null && headline.memoryBound();
        String unit = headline == null ? "" : headline.efficiencyUnit();
        Double ds = sys.datasheetUnitsPerJoule(b.dtype(), memory);
        if (domains.isEmpty()) {
            String why = b.energyUnavailableReason() == null ? "no energy figure" : b.energyUnavailableReason();
            out.add(new SystemPage.Line(
                    b.kernel(),
                    b.dtype(),
                    size,
                    b.shapeLabel(),
                    b.backend(),
                    impl,
                    b.device(),
                    status,
                    verification,
                    thr,
                    "",
                    why,
                    "–",
                    "none",
                    "–",
                    "–",
                    "–",
                    ds == null ? "no datasheet declared" : Fmt.num(ds) + " " + unit,
                    "–",
                    runId,
                    href));
        }
        for (DomainEnergy e : domains) {
            String tierClass = e.tierClass();
            out.add(new SystemPage.Line(
                    b.kernel(),
                    b.dtype(),
                    size,
                    b.shapeLabel(),
                    b.backend(),
                    impl,
                    b.device(),
                    status,
                    verification,
                    thr,
                    e.scope(),
                    e.domain(),
                    e.tier(),
                    tierClass,
                    Fmt.num(e.unitsPerJoule()) + " " + unit,
                    Fmt.num(e.picojoulesPerUnit()),
                    Fmt.num(e.averagePowerWatts()),
                    ds == null ? "no datasheet declared" : Fmt.num(ds) + " " + unit,
                    ds == null ? "–" : Fmt.num(e.unitsPerJoule() / ds),
                    runId,
                    href));
        }
        return out;
    }

    /**
     * The system page's results in an order that puts one chip's implementations of a case side by side: by kernel,
     * dtype, size and shape, then ours before the vendor library's; otherwise as the runs list them.
     */
    static List<BenchmarkResult> sideBySide(List<BenchmarkResult> results) {
        List<BenchmarkResult> sorted = new ArrayList<>(results);
        sorted.sort(java.util.Comparator.comparing(BenchmarkResult::kernel)
                .thenComparing(BenchmarkResult::dtype)
                .thenComparing(b -> String.valueOf(b.size()))
                .thenComparing(b -> String.valueOf(b.shapeLabel()))
                .thenComparing(b -> String.valueOf(b.implementation().kind()))
                .thenComparing(b -> b.implementation().id()));
        return sorted;
    }

    /**
     * What else used the machine while the results were measured, where the records carry it: each flagged
     * result with the rule's reason, or that no measured window was flagged, and the rule itself.
     */
    static List<List<String>> interferenceFacts(List<BenchmarkResult> results) {
        List<BenchmarkResult> sampled =
                results.stream().filter(b -> b.interference() != null).toList();
        if (sampled.isEmpty()) {
            return List.of();
        }
        List<String> flagged = sampled.stream()
                .filter(b -> b.interference().reason() != null)
                .map(b -> b.kernel() + " " + b.dtype() + " " + (b.customShape() ? b.shapeLabel() : b.size()) + " ("
                        + b.implementation().id() + "): " + b.interference().reason())
                .toList();
        return List.of(
                List.of(
                        "Interference (other load, steal, clocks, GPU throttling)",
                        flagged.isEmpty()
                                ? "no measured window flagged in " + sampled.size() + " result(s)"
                                : String.join("; ", flagged)),
                List.of("Interference rule", sampled.getFirst().interference().rule()));
    }

    /** One line per device the results ran on: {@code backend/device: kind, hardware id}. */
    static List<List<String>> deviceFacts(List<BenchmarkResult> results) {
        java.util.Set<String> devices = new java.util.LinkedHashSet<>();
        java.util.Set<String> impls = new java.util.LinkedHashSet<>();
        for (BenchmarkResult b : results) {
            devices.add(b.backend() + "/" + b.device() + ": " + b.deviceKind()
                    + (b.deviceHardwareId() == null ? "" : ", " + b.deviceHardwareId()));
            impls.add(b.implementation().id() + " (" + SiteModel.implementationLabel(b.implementation()) + ")");
        }
        List<List<String>> facts = new ArrayList<>();
        if (!devices.isEmpty()) {
            facts.add(List.of("Devices", String.join("; ", devices)));
            facts.add(List.of("Implementations", String.join("; ", impls)));
        }
        return facts;
    }
}
