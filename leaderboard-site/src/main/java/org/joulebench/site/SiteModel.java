package org.joulebench.site;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.joulebench.results.check.SubmissionProfile;
import org.joulebench.results.record.BackendInfo;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DeviceRecord;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * The flattened view the pages are built from: one {@link SystemEntry} per submission or local run, one
 * {@link ResultRow} per (OK result, energy domain). Results without energy or not OK are not ranked (the
 * system page still lists them); the null workload ({@code noop}, harness overhead) is never a row.
 */
record SiteModel(List<SystemEntry> systems, List<ResultRow> rows, List<Source> sources) {

    /**
     * Where a system came from: exactly one of submission / localRun is set; a local run is split into one system
     * per (backend, device) its results ran on.
     */
    record Source(SiteSubmission submission, SiteRun localRun, String backend, String device) {
        Source(SiteSubmission submission) {
            this(submission, null, null, null);
        }

        List<SiteRun> runs() {
            return submission != null ? submission.runs() : List.of(localRun);
        }

        /** Whether a result of this source's runs belongs to this system (all of a submission's do). */
        boolean covers(BenchmarkResult b) {
            return submission != null
                    || (java.util.Objects.equals(backend, b.backend()) && java.util.Objects.equals(device, b.device()));
        }
    }

    static SiteModel of(SiteInput input) {
        List<SystemEntry> systems = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SiteSubmission s : input.submissions()) {
            if (s.runs().stream().allMatch(run -> run.record().results().isEmpty())) {
                continue; // nothing measured: no system page, no row, no raw files
            }
            SystemDescription d = s.system();
            var peaks = d.datasheetPeaks();
            String id = uniqueId(
                    ids, slug(s.relativePath() != null ? s.relativePath() : d.submitter() + "-" + d.systemName()));
            systems.add(new SystemEntry(
                    id,
                    d.submitter(),
                    d.systemName(),
                    d.chipVendor(),
                    d.chipModel(),
                    d.chipKind() == null ? null : d.chipKind().name(),
                    d.announced() == null ? null : d.announced().toString(),
                    d.tdpWatts(),
                    peaks == null ? Map.of() : peaks.flopsPerSecondByDtype(),
                    peaks == null ? null : peaks.memoryBandwidthBytesPerSecond(),
                    peaks == null ? null : peaks.source(),
                    false,
                    s.manifestSha256(),
                    d.chipKind() == org.joulebench.results.system.ChipKind.CPU
                            ? SystemEntry.MeasuredRoofs.of(s.runs().stream()
                                    .map(run -> run.record().calibration())
                                    .filter(java.util.Objects::nonNull)
                                    .findFirst()
                                    .orElse(null))
                            : null));
            Source src = new Source(s);
            sources.add(src);
            for (SiteRun run : s.runs()) {
                addRows(rows, systems.size() - 1, run, src);
            }
        }
        for (SiteRun run : input.localRuns()) {
            RunRecord r = run.record();
            // one local system per (backend, device) the run's results used: a GPU run is not shown as the host CPU
            Map<List<String>, BenchmarkResult> devices = new java.util.LinkedHashMap<>();
            for (BenchmarkResult b : r.results()) {
                devices.putIfAbsent(java.util.Arrays.asList(b.backend(), b.device()), b);
            }
            if (devices.isEmpty()) {
                devices.put(java.util.Arrays.asList(null, null), null);
            }
            for (var e : devices.entrySet()) {
                BenchmarkResult first = e.getValue();
                String backend = e.getKey().get(0), deviceId = e.getKey().get(1);
                DeviceRecord dev = deviceRecord(r, backend, deviceId);
                String kind = first != null && first.deviceKind() != null
                        ? first.deviceKind()
                        : dev != null && dev.kind() != null
                                ? dev.kind().toUpperCase(Locale.ROOT)
                                : backend == null || "cpu".equals(backend) ? "CPU" : null;
                String device = first == null || first.deviceName() == null
                        ? r.environment().cpuModel()
                        : first.deviceName();
                String base =
                        "local-" + slug(r.runId()) + (devices.size() > 1 ? "-" + slug(backend + "-" + deviceId) : "");
                String id = uniqueId(ids, base);
                systems.add(new SystemEntry(
                        id,
                        "local (unchecked)",
                        device + " @ " + r.environment().hostname(),
                        vendor(device, "CPU".equals(kind) ? r.environment().cpuVendor() : null),
                        device,
                        kind,
                        null,
                        null,
                        Map.of(),
                        null,
                        null,
                        true,
                        null,
                        "CPU".equals(kind) ? SystemEntry.MeasuredRoofs.of(r.calibration()) : null));
                Source src = new Source(null, run, backend, deviceId);
                sources.add(src);
                addRows(rows, systems.size() - 1, run, src);
            }
        }
        return new SiteModel(systems, rows, sources);
    }

    /**
     * The same systems with only the ranked DEVICE-scope rows (what rankings, history and figures use by default):
     * a result whose raw windows miss the submission profile is shown on its system page only.
     */
    SiteModel deviceScope() {
        return new SiteModel(
                systems,
                rows.stream()
                        .filter(ResultRow::deviceScope)
                        .filter(ResultRow::ranked)
                        .toList(),
                sources);
    }

    private static DeviceRecord deviceRecord(RunRecord r, String backend, String deviceId) {
        if (r.environment() == null || r.environment().backends() == null) {
            return null;
        }
        for (BackendInfo b : r.environment().backends()) {
            if (b.id().equals(backend)) {
                for (DeviceRecord d : b.devices()) {
                    if (d.id().equals(deviceId)) {
                        return d;
                    }
                }
            }
        }
        return null;
    }

    /**
     * A display vendor: CPUID vendor ids and device names normalized (GenuineIntel -> Intel, AuthenticAMD -> AMD,
     * "NVIDIA H100 ..." -> NVIDIA); unknown ones as given.
     */
    static String vendor(String deviceName, String cpuVendorId) {
        String id = cpuVendorId == null ? "" : cpuVendorId.trim();
        if (id.equals("GenuineIntel")) {
            return "Intel";
        }
        if (id.equals("AuthenticAMD")) {
            return "AMD";
        }
        String n = deviceName == null ? "" : deviceName.toLowerCase(Locale.ROOT);
        if (n.contains("nvidia") || n.contains("geforce") || n.contains("tesla") || n.contains("quadro")) {
            return "NVIDIA";
        }
        if (n.startsWith("amd")
                || n.contains("radeon")
                || n.contains("instinct")
                || n.contains("epyc")
                || n.contains("ryzen")) {
            return "AMD";
        }
        if (n.startsWith("intel") || n.contains("xeon") || n.contains("core(tm)")) {
            return "Intel";
        }
        if (n.startsWith("apple")) {
            return "Apple";
        }
        return id.isEmpty() ? null : id;
    }

    private static void addRows(List<ResultRow> rows, int system, SiteRun run, Source source) {
        RunRecord r = run.record();
        if (r.sweep() != null) {
            return; // a size sweep is ranked nowhere: the system page shows it in its own section (SweepSection)
        }
        String date = r.startedAt() == null
                ? null
                : r.startedAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        String harness = r.harness() == null ? null : r.harness().version();
        Map<String, String> runners = runners(r);
        // ranked only when the raw windows meet the submission profile (checked from them, not from the
        // profile label); a local run is shown as local and unchecked anyway
        List<java.util.Optional<String>> shortfalls =
                source.submission() == null ? null : SubmissionProfile.shortfalls(r);
        for (int index = 0; index < r.results().size(); index++) {
            BenchmarkResult b = r.results().get(index);
            String unranked = shortfalls == null ? null : shortfalls.get(index).orElse(null);
            if (!source.covers(b)
                    || b.nullWorkload()
                    || b.status() != ResultStatus.OK
                    || b.energy() == null
                    || b.work() == null) {
                continue;
            }
            String effUnit = b.work().headlineUnit().efficiencyUnit();
            double ai = b.work().arithmeticIntensity();
            ImplementationRecord impl = b.implementation();
            for (DomainEnergy e : b.energy().domains()) {
                Double effErr = e.joulesPerOpError() == null || e.joulesPerOp() <= 0
                        ? null
                        : e.unitsPerJoule() * e.joulesPerOpError() / e.joulesPerOp();
                rows.add(new ResultRow(
                        system,
                        b.kernel(),
                        b.dtype(),
                        b.customShape() ? b.shapeLabel() : b.size(),
                        b.shapeLabel(),
                        b.customShape(),
                        b.backend(),
                        impl.id(),
                        impl.kind(),
                        implementationLabel(impl),
                        b.device(),
                        b.deviceName(),
                        b.deviceKind(),
                        b.deviceHardwareId(),
                        e.scope(),
                        e.scopeDevice(),
                        e.domain(),
                        e.tier(),
                        e.tierClass(),
                        e.unitsPerJoule(),
                        effErr,
                        effUnit,
                        otherScopes(b, e, effUnit),
                        e.picojoulesPerUnit(),
                        b.throughput() == null ? null : b.throughput().value(),
                        b.throughput() == null ? null : b.throughput().unit(),
                        b.throughput() == null ? 0 : b.throughput().operationsPerSecond(),
                        e.averagePowerWatts(),
                        b.verification() != null && b.verification().passed(),
                        r.runId(),
                        run.fileName(),
                        date,
                        Double.isNaN(ai) ? null : ai,
                        harness,
                        b.rooflineFraction() == null
                                ? null
                                : b.rooflineFraction().fraction(),
                        b.rooflineFraction() == null
                                ? null
                                : b.rooflineFraction().roof(),
                        b.rooflineFraction() == null
                                ? null
                                : b.rooflineFraction().bandwidthBasis(),
                        unranked,
                        implementationText(impl),
                        runnerText(impl, runners.get(b.backend() + "/" + b.device()))));
            }
        }
    }

    /**
     * The runner of each backend/device of a run, where its device record names one (the {@code external} backend
     * records {@code properties.runner}: the runner's name and version as its hello gave them).
     */
    static Map<String, String> runners(RunRecord r) {
        Map<String, String> out = new java.util.HashMap<>();
        if (r.environment() == null || r.environment().backends() == null) {
            return out;
        }
        for (var backend : r.environment().backends()) {
            for (var device : backend.devices()) {
                String runner = device.properties().get("runner");
                if (runner != null && !runner.isBlank()) {
                    out.put(backend.id() + "/" + device.id(), runner);
                }
            }
        }
        return out;
    }

    /** The implementation's description, with its own version where the record holds one and it is not said. */
    static String implementationText(ImplementationRecord impl) {
        String d = impl.description();
        if (impl.version() == null || impl.version().isBlank() || (d != null && d.contains(impl.version()))) {
            return d;
        }
        return d == null || d.isBlank() ? "version " + impl.version() : d + " (version " + impl.version() + ")";
    }

    /**
     * The runner that drove a result: the implementation's own {@code runner} (name and version, schema 3) where
     * recorded, else what its device record says ({@code properties.runner}), else {@code null}.
     */
    static String runnerText(ImplementationRecord impl, String fromDevice) {
        if (impl.runner() != null && impl.runner().name() != null) {
            return impl.runner().version() == null
                    ? impl.runner().name()
                    : impl.runner().name() + " " + impl.runner().version();
        }
        return fromDevice;
    }

    /** {@code ours} or {@code vendor library}; the kind as written when it is not a known one. */
    static String implementationLabel(ImplementationRecord impl) {
        try {
            return ImplementationKind.parse(impl.kind()).label();
        } catch (IllegalArgumentException e) {
            return impl.kind();
        }
    }

    /**
     * The result's figures in scopes other than {@code e}'s, e.g. {@code NODE node-wall 0.31 GFLOP/J}: shown beside
     * a ranked figure, never ranked with it. {@code null} when there are none.
     */
    static String otherScopes(BenchmarkResult b, DomainEnergy e, String unit) {
        List<String> parts = new ArrayList<>();
        for (DomainEnergy o : b.energy().domains()) {
            if (!java.util.Objects.equals(o.scope(), e.scope())) {
                parts.add(o.scope() + " " + o.domain() + " " + Fmt.num(o.unitsPerJoule()) + " " + unit
                        + (o.estimated() ? " (estimate)" : ""));
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Lower-case [a-z0-9-] only: safe as a file name and in a URL. */
    static String slug(String s) {
        String out = (s == null ? "" : s)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "x" : out.length() > 80 ? out.substring(0, 80) : out;
    }

    private static String uniqueId(Set<String> ids, String base) {
        String id = base;
        for (int i = 2; !ids.add(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }
}
