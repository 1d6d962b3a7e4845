package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.submission.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}'s time against the size of the tree: 1,000 and 10,000 ordinary submissions (the golden run, each
 * its own measurement, each submitter its own name), checked whole; prints both times and their ratio (linear is
 * 10x; the issue asks for at most 12x). Not in the default run (the class name is no test's); run it with:
 *
 * <pre>./mvnw -o -pl results -am test -Dtest=CheckScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class CheckScaleBenchmark {
    @TempDir
    Path tmp;

    @Test
    void checkTimeGrowsLinearlyWithTheTree() throws Exception {
        String system = Fixtures.text("system-golden.json");
        String run = Fixtures.text("run-golden.json");
        double[] seconds = new double[2];
        int[] sizes = {1_000, 10_000};
        for (int k = 0; k < sizes.length; k++) {
            Path root = tmp.resolve("tree-" + sizes[k]);
            for (int i = 0; i < sizes[k]; i++) {
                String submitter = "Lab " + i;
                Path folder = root.resolve(DisplayNames.slug(submitter)).resolve("xeon-gold-6338-test-box");
                Files.createDirectories(folder.resolve("runs"));
                Files.writeString(
                        folder.resolve("system.json"), system.replace("\"Example Lab\"", "\"" + submitter + "\""));
                String id = "20261125T120000Z-" + i;
                Files.writeString(
                        folder.resolve("runs/" + id + ".json"),
                        Fixtures.remeasured(run.replace("20261125T120000Z-a1b2c3", id), i));
                Files.write(folder.resolve("manifest.json"), Manifest.of(folder).toBytes());
            }
            new Checker().check(root); // warm the JIT and the file cache on the same tree
            long t0 = System.nanoTime();
            CheckReport report = new Checker().check(root);
            seconds[k] = (System.nanoTime() - t0) / 1e9;
            assertThat(report.accepted()).hasSize(sizes[k]);
            assertThat(report.rejections()).isEmpty();
        }
        System.out.printf(
                "CheckScaleBenchmark: %d submissions %.2f s, %d submissions %.2f s, ratio %.2f%n",
                sizes[0], seconds[0], sizes[1], seconds[1], seconds[1] / seconds[0]);
    }
}
