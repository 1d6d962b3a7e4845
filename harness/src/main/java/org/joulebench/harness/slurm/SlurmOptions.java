package org.joulebench.harness.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * What Slurm is asked for, as {@code #SBATCH} lines. Each array task gets one whole node
 * ({@code --exclusive}): benchmarks must not share a node.
 *
 * @param partition {@code --partition}, or {@code null}
 * @param nodeList {@code --nodelist} (nodes a task may run on), or {@code null}
 * @param constraint {@code --constraint} (node features), or {@code null}
 * @param gres {@code --gres}, e.g. {@code gpu:h200:1}, or {@code null}
 * @param account {@code --account}, or {@code null}
 * @param timeLimit {@code --time} per task, e.g. {@code 01:00:00}, or {@code null}
 */
public record SlurmOptions(
        String partition, String nodeList, String constraint, String gres, String account, String timeLimit) {

    /** The {@code #SBATCH} options every array task gets. */
    List<String> taskOptions() {
        List<String> o = new ArrayList<>();
        o.add("--nodes=1");
        o.add("--ntasks=1");
        o.add("--exclusive");
        add(o, "--partition=", partition);
        add(o, "--nodelist=", nodeList);
        add(o, "--constraint=", constraint);
        add(o, "--gres=", gres);
        add(o, "--account=", account);
        add(o, "--time=", timeLimit);
        return o;
    }

    /** The merge job: small, not exclusive, same partition and account. */
    List<String> mergeOptions() {
        List<String> o = new ArrayList<>();
        o.add("--nodes=1");
        o.add("--ntasks=1");
        add(o, "--partition=", partition);
        add(o, "--account=", account);
        return o;
    }

    private static void add(List<String> o, String flag, String value) {
        if (value != null && !value.isBlank()) {
            o.add(flag + value);
        }
    }
}
