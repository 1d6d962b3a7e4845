package org.joulebench.harness.slurm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.results.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code joulebench slurm submit|status|merge}: the suite as a Slurm job array. */
@Command(
        name = "slurm",
        mixinStandardHelpOptions = true,
        description = "Run the suite on a Slurm cluster: one exclusive node per shard, then a merge job.",
        subcommands = {SlurmCommand.Submit.class, SlurmCommand.Status.class, SlurmCommand.Merge.class})
public final class SlurmCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit codes of status and merge. */
    public static final int COMPLETE = 0;

    public static final int FAILED_SHARDS = 1;
    public static final int BAD_INPUT = 2;
    public static final int IN_PROGRESS = 4;
    public static final int SLURM_ERROR = 5;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "submit",
            mixinStandardHelpOptions = true,
            description = {
                "Split the matrix (backend x kernel x dtype x size) into shards and submit them as one",
                "`sbatch --array` job on exclusive nodes, plus a merge job that runs after it (afterany)."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:submitted (or dry run printed)", "2:bad input", "5:sbatch failed"})
    public static final class Submit implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        SlurmConfOptionMixin conf = new SlurmConfOptionMixin();

        @Option(
                names = "--backend",
                split = ",",
                paramLabel = "ID",
                description = "backend ids (default: every one available on each node)")
        List<String> backends = new ArrayList<>();

        @Option(names = "--kernel", split = ",", paramLabel = "ID", description = "kernel ids (default: all)")
        List<String> kernels = new ArrayList<>();

        @Option(
                names = "--dtype",
                split = ",",
                paramLabel = "DTYPE",
                description = "dtypes (default: every dtype of each kernel)")
        List<String> dtypes = new ArrayList<>();

        @Option(names = "--size", split = ",", paramLabel = "S|M|L", description = "sizes (default: S)")
        List<String> sizes = new ArrayList<>();

        @Option(names = "--shape", paramLabel = "DIMS", description = "a custom shape instead of --size")
        String shape;

        @Option(
                names = "--profile",
                defaultValue = "quick",
                description = "quick, standard or submission (default: ${DEFAULT-VALUE})")
        String profile;

        @Option(
                names = "--sensor",
                defaultValue = "auto",
                description = "energy sensors, as for run (default: ${DEFAULT-VALUE})")
        String sensor;

        @Option(names = "--seed", defaultValue = "42", description = "input seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(
                names = "--shards",
                defaultValue = "4",
                description = "array tasks (default: ${DEFAULT-VALUE}; fewer when the matrix is smaller)")
        int shards;

        @Option(names = "--partition")
        String partition;

        @Option(names = "--nodelist", paramLabel = "NODES")
        String nodeList;

        @Option(names = "--constraint", paramLabel = "FEATURES")
        String constraint;

        @Option(names = "--gres", paramLabel = "GRES", description = "e.g. gpu:h200:1")
        String gres;

        @Option(names = "--account")
        String account;

        @Option(names = "--time", paramLabel = "LIMIT", description = "time limit per shard, e.g. 01:00:00")
        String time;

        @Option(
                names = "--results",
                paramLabel = "DIR",
                description = "shared results folder, visible from every node (default: local/slurm/<submission id>)")
        Path results;

        @Option(
                names = "--launcher",
                paramLabel = "CMD",
                description = "the joulebench command the jobs run, words split on spaces (default: this"
                        + " installation's joulebench launcher)")
        String launcher;

        @Option(names = "--dry-run", description = "print the shard plan and the batch scripts; submit nothing")
        boolean dryRun;

        @Option(
                names = "--resubmit-failed",
                paramLabel = "DIR",
                description = "submit again only the failed or missing shards of this results folder")
        Path resubmit;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SlurmClient slurm = new SlurmClient(conf.slurmConf);
            SlurmOptions opts = new SlurmOptions(partition, nodeList, constraint, gres, account, time);
            List<String> jb = launcher != null
                    ? List.of(launcher.trim().split("\\s+"))
                    : List.of(BuildInfo.home().resolve("joulebench").toString());
            Path folder;
            ShardPlan plan;
            List<Integer> indices;
            if (resubmit != null) {
                folder = resubmit.toAbsolutePath().normalize();
                ShardStates.Snapshot snap = ShardStates.read(folder, slurm);
                plan = snap.plan();
                indices = snap.failedOrMissing().stream().map(ShardState::index).toList();
                if (indices.isEmpty()) {
                    out.println("joulebench slurm: no failed or missing shard in " + folder
                            + (snap.active() ? " (some still queued)" : ""));
                    return COMPLETE;
                }
            } else {
                KernelCatalogue catalogue = KernelCatalogue.standard();
                List<Shard> planned;
                try {
                    planned = ShardPlanner.plan(catalogue, backends, kernels, dtypes, sizes, shape, shards);
                } catch (IllegalArgumentException e) {
                    err.println("joulebench slurm submit: " + e.getMessage());
                    return BAD_INPUT;
                }
                String id = newSubmissionId();
                folder = (results != null
                                ? results
                                : BuildInfo.home().resolve("local/slurm").resolve(id))
                        .toAbsolutePath()
                        .normalize();
                List<String> common =
                        List.of("--profile=" + profile, "--sensor=" + sensor, "--seed=" + seed, "--no-site");
                plan = new ShardPlan(id, Instant.now(), profile, common, planned);
                indices = planned.stream().map(Shard::index).toList();
            }
            String shardsScript = BatchScript.shards(plan, opts, jb, folder);
            String mergeScript = BatchScript.merge(plan, opts, jb, folder);
            String array = "--array=" + arraySpec(indices);
            if (dryRun) {
                out.println("# submission " + plan.submissionId() + " -> " + folder);
                for (Shard s : plan.shards()) {
                    if (indices.contains(s.index())) {
                        out.println("# shard " + s.index() + " (" + s.cells() + " cells): "
                                + s.runs().stream()
                                        .map(r -> String.join(" ", r.selectionArgs()))
                                        .toList());
                    }
                }
                out.println("# sbatch --parsable " + array + " " + folder.resolve(BatchScript.SHARDS_SCRIPT));
                out.print(shardsScript);
                out.println("# sbatch --parsable --dependency=afterany:<array job id> "
                        + folder.resolve(BatchScript.MERGE_SCRIPT));
                out.print(mergeScript);
                return COMPLETE;
            }
            Files.createDirectories(folder.resolve("logs"));
            Json.writeAtomically(folder.resolve(ShardPlan.FILE), Json.toBytes(plan));
            Json.writeAtomically(folder.resolve(BatchScript.SHARDS_SCRIPT), shardsScript.getBytes());
            Json.writeAtomically(folder.resolve(BatchScript.MERGE_SCRIPT), mergeScript.getBytes());
            String arrayId;
            String mergeId;
            try {
                arrayId = slurm.sbatch(List.of(array), folder.resolve(BatchScript.SHARDS_SCRIPT));
                mergeId = slurm.sbatch(
                        List.of("--dependency=afterany:" + arrayId), folder.resolve(BatchScript.MERGE_SCRIPT));
            } catch (SlurmClient.SlurmException e) {
                err.println("joulebench slurm submit: " + e.getMessage());
                return SLURM_ERROR;
            }
            SubmissionLog.read(folder)
                    .plus(new SubmissionLog.Entry(arrayId, mergeId, indices, Instant.now()))
                    .write(folder);
            out.println("joulebench slurm: submission " + plan.submissionId() + ": array job " + arrayId + " (shards "
                    + arraySpec(indices) + "), merge job " + mergeId);
            out.println("results folder: " + folder);
            out.println("follow with: joulebench slurm status " + folder);
            return COMPLETE;
        }

        static String arraySpec(List<Integer> indices) {
            List<Integer> sorted = indices.stream().sorted().toList();
            if (!sorted.isEmpty() && sorted.getLast() - sorted.getFirst() == sorted.size() - 1) {
                return sorted.getFirst() + "-" + sorted.getLast();
            }
            return String.join(",", sorted.stream().map(String::valueOf).toList());
        }

        static String newSubmissionId() {
            return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                            .withZone(ZoneOffset.UTC)
                            .format(Instant.now())
                    + "-"
                    + HexFormat.of()
                            .toHexDigits(ThreadLocalRandom.current().nextInt())
                            .substring(0, 6);
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Shards pending, running, done, failed and missing for a results folder.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:every shard done",
                "1:finished, with failed or missing shards",
                "2:bad input (not a results folder)",
                "4:shards still pending or running"
            })
    public static final class Status implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        SlurmConfOptionMixin conf = new SlurmConfOptionMixin();

        @Parameters(paramLabel = "DIR", description = "the submission's results folder")
        Path folder;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ShardStates.Snapshot snap;
            try {
                snap = ShardStates.read(folder.toAbsolutePath(), new SlurmClient(conf.slurmConf));
            } catch (IOException e) {
                spec.commandLine().getErr().println("joulebench slurm status: " + e.getMessage());
                return BAD_INPUT;
            }
            out.printf(
                    "submission %s: %d shards: %d pending, %d running, %d done, %d failed, %d missing%n",
                    snap.plan().submissionId(),
                    snap.shards().size(),
                    snap.count(ShardState.Status.PENDING),
                    snap.count(ShardState.Status.RUNNING),
                    snap.count(ShardState.Status.DONE),
                    snap.count(ShardState.Status.FAILED),
                    snap.count(ShardState.Status.MISSING));
            for (ShardState s : snap.shards()) {
                out.printf(
                        "  shard %d: %s (Slurm %s, exit %s%s)%s%n",
                        s.index(),
                        s.state(),
                        s.slurmState() == null ? "-" : s.slurmState(),
                        s.exitCode() == null ? "-" : s.exitCode(),
                        s.host() == null ? "" : ", on " + s.host(),
                        s.problem() == null ? "" : ": " + s.problem());
            }
            if (snap.active()) {
                return IN_PROGRESS;
            }
            return snap.failedOrMissing().isEmpty() ? COMPLETE : FAILED_SHARDS;
        }
    }

    @Command(
            name = "merge",
            mixinStandardHelpOptions = true,
            description = "Merge the shard records of a results folder into one record per system.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:every shard done and merged",
                "1:merged what there is; some shards failed or are missing (listed)",
                "2:bad input (not a results folder)"
            })
    public static final class Merge implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        SlurmConfOptionMixin conf = new SlurmConfOptionMixin();

        @Parameters(paramLabel = "DIR", description = "the submission's results folder")
        Path folder;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = folder.toAbsolutePath().normalize();
            MergeReport r;
            try {
                r = ShardMerger.merge(dir, new SlurmClient(conf.slurmConf));
            } catch (IOException e) {
                spec.commandLine().getErr().println("joulebench slurm merge: " + e.getMessage());
                return BAD_INPUT;
            }
            for (MergeReport.SystemRecord s : r.systems()) {
                out.println("system " + s.system() + ": " + s.results() + " results from shards " + s.shards() + " -> "
                        + dir.resolve(s.file()));
                if (s.schemaProblem() != null) {
                    out.println("  (written unvalidated: " + s.schemaProblem() + ")");
                }
            }
            for (ShardState s : r.shards()) {
                if (r.missingOrFailed().contains(s.index())) {
                    out.println(ShardMerger.describe(s, ": "));
                }
            }
            var e = r.energyCheck();
            out.println(
                    e.available()
                            ? "energy cross-check (Slurm / joulebench): " + e.perShard()
                            : "energy cross-check unavailable: " + e.reason());
            if (!r.complete()) {
                out.println("re-submit the failed shards with: joulebench slurm submit --resubmit-failed " + dir);
                return FAILED_SHARDS;
            }
            return COMPLETE;
        }
    }

    /** {@code --slurm-conf}, shared by the subcommands. */
    public static final class SlurmConfOptionMixin {
        @Option(
                names = "--slurm-conf",
                paramLabel = "FILE",
                description = "slurm.conf for the Slurm commands and the jobs (sets SLURM_CONF; default: Slurm's own)")
        Path slurmConf;
    }
}
