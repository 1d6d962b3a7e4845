package org.joulebench.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run prints the shard plan and both scripts, and submits nothing (no sbatch needed). */
class SlurmDryRunTest {

    @Test
    void dryRunPrintsThePlanAndTheScriptsAndWritesNothing(@TempDir Path tmp) {
        Path results = tmp.resolve("res");
        var o = SlurmClusterTest.cli(
                "slurm",
                "submit",
                "--dry-run",
                "--kernel=triad,noop,gemm",
                "--dtype=fp32,fp16",
                "--shards=2",
                "--sensor=none",
                "--partition=gpu",
                "--gres=gpu:h200:1",
                "--time=00:30:00",
                "--results=" + results,
                "--launcher=/opt/jb/joulebench");
        assertThat(o.code()).as(o.err()).isZero();
        String s = o.out();
        // triad, noop and gemm at fp32, gemm at fp16 (triad and noop have no fp16): 4 cells, 2 per shard
        assertThat(s).contains("# shard 0 (2 cells): [--kernel=triad,noop --dtype=fp32 --size=S]");
        assertThat(s)
                .contains(
                        "# shard 1 (2 cells): [--kernel=gemm --dtype=fp32 --size=S, --kernel=gemm --dtype=fp16 --size=S]");
        assertThat(s).contains("# sbatch --parsable --array=0-1 " + results.resolve("shards.sbatch"));
        assertThat(s)
                .contains(
                        "#SBATCH --exclusive\n",
                        "#SBATCH --partition=gpu\n",
                        "#SBATCH --gres=gpu:h200:1\n",
                        "#SBATCH --time=00:30:00\n");
        assertThat(s)
                .contains("    run 1 /opt/jb/joulebench run --profile=quick --sensor=none --seed=42 --no-site"
                        + " --kernel=gemm --dtype=fp16 --size=S\n");
        assertThat(s).contains("mv -f \"$f\" \"$FOLDER/shards/shard-$K-run-$r.json\"");
        assertThat(s).contains("mv -f \"$TMP\" \"$FOLDER/tasks/shard-$K.json\"");
        assertThat(s).contains("--dependency=afterany:<array job id>");
        assertThat(s).contains("exec /opt/jb/joulebench slurm merge " + results);
        assertThat(Files.exists(results)).isFalse();
    }

    @Test
    void anEmptySelectionIsBadInput() {
        var o = SlurmClusterTest.cli("slurm", "submit", "--dry-run", "--kernel=triad", "--dtype=int4");
        assertThat(o.code()).isEqualTo(SlurmCommand.BAD_INPUT);
        assertThat(o.err()).contains("no (kernel, dtype) cell");
    }
}
