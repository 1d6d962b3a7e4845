package org.joulebench.harness.slurm;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the two batch scripts of a submission. The array script runs the shard whose index Slurm
 * gives it, moves each record into {@code shards/} under a name fixed by the plan
 * ({@code shard-<K>-run-<R>.json}: a rename within the folder, so atomic, and a re-run shard replaces
 * only its own files), then writes its completion log {@code tasks/shard-<K>.json} (exit code, times,
 * host, job ids) the same way. The merge script runs {@code slurm merge} on the folder.
 */
public final class BatchScript {
    private BatchScript() {}

    public static final String SHARDS_SCRIPT = "shards.sbatch";
    public static final String MERGE_SCRIPT = "merge.sbatch";

    /**
     * @param launcher the joulebench command (words), e.g. {@code [/opt/joulebench/joulebench]}
     * @param folder the shared results folder (absolute)
     */
    public static String shards(ShardPlan plan, SlurmOptions slurm, List<String> launcher, Path folder) {
        String id = plan.submissionId();
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("#SBATCH --job-name=jb-").append(id).append('\n');
        for (String o : slurm.taskOptions()) {
            s.append("#SBATCH ").append(o).append('\n');
        }
        s.append("#SBATCH --output=").append(folder.resolve("logs")).append("/shard-%a-job-%A_%a.out\n");
        s.append("# joulebench submission ")
                .append(id)
                .append(": ")
                .append(plan.shards().size())
                .append(" shards; array given on the sbatch command line\n");
        s.append("set -u\n");
        s.append("FOLDER=").append(q(folder.toString())).append('\n');
        s.append("K=\"${SLURM_ARRAY_TASK_ID:?not an array task}\"\n");
        s.append("WORK=\"$FOLDER/work/shard-$K-job-${SLURM_JOB_ID:-0}\"\n");
        s.append("mkdir -p \"$FOLDER/shards\" \"$FOLDER/tasks\" \"$WORK\"\n");
        s.append("STARTED=\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"\n");
        s.append("RC=0\n");
        s.append("run() { # run R, then the joulebench words\n");
        s.append("  local r=\"$1\"; shift\n");
        s.append("  local rc=0\n");
        s.append("  \"$@\" --out \"$WORK/run-$r\" || rc=$?\n");
        s.append("  [ \"$rc\" = 0 ] || RC=$rc\n");
        s.append("  local f; f=\"$(ls -1 \"$WORK/run-$r\"/run-*.json 2>/dev/null | head -n1)\"\n");
        s.append("  if [ -n \"$f\" ]; then mv -f \"$f\" \"$FOLDER/shards/shard-$K-run-$r.json\";\n");
        s.append("  else rm -f \"$FOLDER/shards/shard-$K-run-$r.json\"; [ \"$RC\" != 0 ] || RC=70; fi\n");
        s.append("}\n");
        String common = plan.commonRunArgs().stream().map(BatchScript::q).collect(Collectors.joining(" "));
        String jb = launcher.stream().map(BatchScript::q).collect(Collectors.joining(" "));
        s.append("case \"$K\" in\n");
        for (Shard shard : plan.shards()) {
            s.append("  ").append(shard.index()).append(")\n");
            for (int r = 0; r < shard.runs().size(); r++) {
                String sel = shard.runs().get(r).selectionArgs().stream()
                        .map(BatchScript::q)
                        .collect(Collectors.joining(" "));
                s.append("    run ")
                        .append(r)
                        .append(' ')
                        .append(jb)
                        .append(" run ")
                        .append(common)
                        .append(' ')
                        .append(sel)
                        .append('\n');
            }
            s.append("    ;;\n");
        }
        s.append("  *) echo \"joulebench: no shard $K in this plan\" >&2; RC=64 ;;\n");
        s.append("esac\n");
        s.append("ENDED=\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"\n");
        s.append("TMP=\"$FOLDER/tasks/.shard-$K.json.$$\"\n");
        s.append("printf '{\"shard\":%s,\"jobId\":\"%s\",\"arrayJobId\":\"%s\",\"host\":\"%s\",\"exitCode\":%s,"
                + "\"startedAt\":\"%s\",\"endedAt\":\"%s\"}\\n' \\\n");
        s.append("  \"$K\" \"${SLURM_JOB_ID:-}\" \"${SLURM_ARRAY_JOB_ID:-}\" \"$(hostname)\" \"$RC\""
                + " \"$STARTED\" \"$ENDED\" > \"$TMP\"\n");
        s.append("mv -f \"$TMP\" \"$FOLDER/tasks/shard-$K.json\"\n");
        s.append("exit \"$RC\"\n");
        return s.toString();
    }

    /** The merge job's script; the dependency on the array job is given on the sbatch command line. */
    public static String merge(ShardPlan plan, SlurmOptions slurm, List<String> launcher, Path folder) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("#SBATCH --job-name=jb-").append(plan.submissionId()).append("-merge\n");
        for (String o : slurm.mergeOptions()) {
            s.append("#SBATCH ").append(o).append('\n');
        }
        s.append("#SBATCH --output=").append(folder.resolve("logs")).append("/merge-job-%j.out\n");
        s.append("exec ")
                .append(launcher.stream().map(BatchScript::q).collect(Collectors.joining(" ")))
                .append(" slurm merge ")
                .append(q(folder.toString()))
                .append('\n');
        return s.toString();
    }

    /** Single-quotes a word for bash. */
    static String q(String w) {
        if (w.matches("[A-Za-z0-9_./=:,@%+-]+")) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }
}
