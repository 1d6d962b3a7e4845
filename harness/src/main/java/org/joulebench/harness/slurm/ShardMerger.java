package org.joulebench.harness.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BackendInfo;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.EnvironmentInfo;
import org.joulebench.results.record.RunRecord;

/**
 * Combines the shard records of a results folder into one run record per system (host name, CPU
 * model, devices), written to {@code merged/}, and a {@link MergeReport}. Every record a shard left is
 * kept, whether that shard succeeded or not: nothing measured is lost because another shard failed.
 */
public final class ShardMerger {
    private ShardMerger() {}

    public static MergeReport merge(Path folder, SlurmClient slurm) throws IOException {
        ShardStates.Snapshot snap = ShardStates.read(folder, slurm);
        Map<String, List<Loaded>> bySystem = new LinkedHashMap<>();
        Map<Integer, Double> measuredJoules = new LinkedHashMap<>();
        for (ShardState s : snap.shards()) {
            for (String name : s.records()) {
                Path f = folder.resolve("shards").resolve(name);
                RunRecord r;
                try {
                    r = ShardFiles.readRecord(f); // bounded, never through a link
                } catch (IOException e) {
                    continue; // unreadable: the shard is FAILED with the reason (ShardStates) unless its run failed
                }
                bySystem.computeIfAbsent(systemKey(r.environment()), k -> new ArrayList<>())
                        .add(new Loaded(s.index(), r));
                double j = r.results().stream()
                        .filter(x -> x.energy() != null)
                        .flatMap(x -> x.energy().domains().stream())
                        .mapToDouble(DomainEnergy::joules)
                        .sum();
                if (j > 0) {
                    measuredJoules.merge(s.index(), j, Double::sum);
                }
            }
        }
        List<Integer> bad = snap.shards().stream()
                .filter(s -> s.state() != ShardState.Status.DONE)
                .map(ShardState::index)
                .toList();
        List<String> shardNotes = new ArrayList<>();
        for (ShardState s : snap.shards()) {
            if (s.state() != ShardState.Status.DONE) {
                shardNotes.add(describe(s));
            }
        }
        Path mergedDir = folder.resolve("merged");
        List<MergeReport.SystemRecord> systems = new ArrayList<>();
        int n = 0;
        for (var e : bySystem.entrySet()) {
            List<Loaded> parts = e.getValue();
            parts.sort(Comparator.comparingInt(Loaded::shard));
            RunRecord first = parts.getFirst().record();
            String runId = snap.plan().submissionId() + "-system-" + n;
            List<BenchmarkResult> results = new ArrayList<>();
            Set<String> warnings = new LinkedHashSet<>();
            Instant start = first.startedAt();
            Instant end = first.endedAt();
            Set<Integer> shards = new TreeSet<>();
            for (Loaded l : parts) {
                results.addAll(l.record().results());
                l.record().warnings().forEach(w -> warnings.add("shard " + l.shard() + ": " + w));
                start = start.isBefore(l.record().startedAt())
                        ? start
                        : l.record().startedAt();
                end = end.isAfter(l.record().endedAt()) ? end : l.record().endedAt();
                shards.add(l.shard());
            }
            warnings.add("merged from Slurm submission " + snap.plan().submissionId() + ", shards " + shards + " of "
                    + snap.plan().shards().size());
            warnings.addAll(shardNotes);
            // a shard killed part-way keeps its finished results: the merged record is then unfinished too
            List<Integer> unfinishedShards = parts.stream()
                    .filter(l -> !l.record().finished())
                    .map(Loaded::shard)
                    .toList();
            RunRecord.Unfinished unfinished = unfinishedShards.isEmpty()
                    ? null
                    : new RunRecord.Unfinished(
                            parts.stream()
                                    .mapToInt(l -> l.record().finished()
                                            ? l.record().results().size()
                                            : l.record().unfinished().plannedResults())
                                    .sum(),
                            "shard(s) " + unfinishedShards + " did not finish");
            long spanNanos = java.time.Duration.between(start, end).toNanos();
            RunRecord merged = new RunRecord(
                    RunRecord.CURRENT_SCHEMA_VERSION,
                    runId,
                    first.profile(),
                    start,
                    end,
                    0L,
                    spanNanos, // nanoTime is per machine: only the span is kept
                    first.harness(),
                    first.environment(),
                    results,
                    List.copyOf(warnings),
                    first.calibration(), // one system: each result's fraction names the calibration it used
                    unfinished);
            String file = "merged/run-" + runId + ".json";
            Files.createDirectories(mergedDir);
            String schemaProblem = null;
            try {
                Json.writeRunRecord(folder.resolve(file), merged); // validated, atomic
            } catch (org.joulebench.results.json.InvalidJsonException invalid) {
                // kept all the same (the shards' records were written the same way): say why
                schemaProblem = invalid.getMessage();
                Json.writeAtomically(folder.resolve(file), Json.toBytes(merged));
            }
            systems.add(
                    new MergeReport.SystemRecord(e.getKey(), file, List.copyOf(shards), results.size(), schemaProblem));
            n++;
        }
        List<MergeReport.ShardEnergy> energy = new ArrayList<>();
        for (ShardState s : snap.shards()) {
            Double mine = measuredJoules.get(s.index());
            Double theirs = s.slurmJoules();
            energy.add(new MergeReport.ShardEnergy(
                    s.index(), theirs, mine, theirs != null && mine != null ? theirs / mine : null));
        }
        String reason = snap.accountingAvailable()
                ? (energy.stream().anyMatch(x -> x.slurmJoules() != null)
                        ? null
                        : "Slurm accounting reports no ConsumedEnergyRaw (no acct_gather_energy plugin)")
                : snap.accountingReason();
        MergeReport report = new MergeReport(
                snap.plan().submissionId(),
                Instant.now(),
                bad.isEmpty(),
                snap.shards(),
                bad,
                systems,
                new MergeReport.EnergyCheck(reason == null, reason, energy));
        Json.writeAtomically(folder.resolve(MergeReport.FILE), Json.toBytes(report));
        return report;
    }

    /** One line naming a shard that is not DONE, and why. */
    static String describe(ShardState s) {
        return describe(s, " ");
    }

    static String describe(ShardState s, String afterIndex) {
        return "shard " + s.index() + afterIndex + s.state() + " (Slurm state "
                + (s.slurmState() == null ? "unknown" : s.slurmState()) + ", exit code "
                + (s.exitCode() == null ? "none" : s.exitCode()) + ")"
                + (s.problem() == null ? "" : ": " + s.problem());
    }

    private record Loaded(int shard, RunRecord record) {}

    /** Host name, CPU model and the available devices: nodes that differ are different systems. */
    static String systemKey(EnvironmentInfo env) {
        List<String> devices = new ArrayList<>();
        for (BackendInfo b : env.backends()) {
            if (b.available()) {
                b.devices().forEach(d -> devices.add(d.name() + (d.hardwareId() == null ? "" : "#" + d.hardwareId())));
            }
        }
        return env.hostname() + " | " + env.cpuModel() + " | " + String.join(", ", new TreeSet<>(devices));
    }
}
