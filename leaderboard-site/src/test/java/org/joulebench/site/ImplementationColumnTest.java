package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.joulebench.results.record.BackendInfo;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DeviceRecord;
import org.joulebench.results.record.EnvironmentInfo;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.ChipKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Each leaderboard row names its implementation as the record holds it: id and label, kind (PORTABLE or
 * VENDOR_LIBRARY), its own description (library and version where known) and, for the {@code external} backend,
 * the runner's name and version from the run's device record. The external record here is written the way
 * {@code backends/external} writes one for the NumPy runner (its hello: runner numpy-runner 1.0.0, device cpu0
 * with {@code properties.runner} and {@code runtime}, implementation {@code numpy} described as "runner name
 * version: description").
 */
class ImplementationColumnTest {
    static final String RUNNER = "numpy-runner 1.0.0";
    static final String NUMPY = RUNNER + ": NumPy 2.4.6 (openblas 0.3.29)";

    @TempDir
    Path tmp;

    @Test
    void rowsShowKindDescriptionAndTheRunnersNameAndVersion() throws Exception {
        LocalDate announced = LocalDate.of(2023, 1, 10);
        RunRecord base = Synthetic.run("ext", new Random(1), announced, ChipKind.CPU, false);
        // each its own windows (a copy's would overlap the original's, and neither would be ranked)
        BenchmarkResult ours = Synthetic.result("gemm", "fp32", "S", 2.0, "cpu0", "cpu-package", "B", false, 256);
        BenchmarkResult runner =
                Synthetic.result("gemm", "fp32", "S", 1.5, "cpu0", "cpu-package", "B", false, 256).toBuilder()
                        .device(
                                "external",
                                // as backends/external records it: the runner's name and version from its hello
                                new ImplementationRecord(
                                        "numpy",
                                        "PORTABLE",
                                        NUMPY,
                                        null,
                                        null,
                                        "2.4.6",
                                        new ImplementationRecord.Runner("numpy-runner", "1.0.0")),
                                "cpu0",
                                "AMD EPYC 9R14",
                                "CPU",
                                "cpu-socket:0")
                        .build();
        BenchmarkResult vendor = Synthetic.vendorLibrary(
                Synthetic.result("gemm", "fp32", "S", 3.0, "cpu0", "cpu-package", "B", false, 256));
        EnvironmentInfo env = base.environment();
        EnvironmentInfo withRunner = new EnvironmentInfo(
                env.hostname(),
                env.cpuModel(),
                env.cpuVendor(),
                env.logicalCores(),
                env.memoryBytes(),
                env.osName(),
                env.osVersion(),
                env.arch(),
                env.jvmVendor(),
                env.jvmVersion(),
                env.jvmName(),
                env.jvmFlags(),
                List.of(
                        new BackendInfo("cpu", "Java kernels", true, null, List.of()),
                        new BackendInfo(
                                "external",
                                "a runner process",
                                true,
                                null,
                                List.of(new DeviceRecord(
                                        "cpu0",
                                        "AMD EPYC 9R14",
                                        "CPU",
                                        "cpu-socket:0",
                                        null,
                                        Map.of("runtime", "NumPy 2.4.6", "python", "3.13.5"),
                                        List.of(new ImplementationRecord("numpy", "PORTABLE", NUMPY, true, NUMPY)))))));
        RunRecord run = new RunRecord(
                base.schemaVersion(),
                base.runId(),
                base.profile(),
                base.startedAt(),
                base.endedAt(),
                base.startMonotonicNanos(),
                base.endMonotonicNanos(),
                base.harness(),
                withRunner,
                List.of(ours, vendor, runner),
                base.warnings(),
                base.calibration(),
                null);
        Path subs = tmp.resolve("submissions");
        Synthetic.writeSubmission(
                subs,
                "lab",
                "box",
                Synthetic.system("Lab", "Box", "AMD", "EPYC 9R14", ChipKind.CPU, announced),
                List.of(run));
        Path site = tmp.resolve("site");
        SiteGenerator.generate(SiteTestData.unchecked(subs, SiteTestData.referenceDir(null), List.of()), site);

        try (Browser browser = Browser.start()) {
            browser.open(site.resolve("index.html"));
            browser.waitFor("document.documentElement.dataset.ready === '1'");
            new Select(browser.driver.findElement(By.id("f-domain"))).selectByValue("");
            List<String> cells = browser.texts("#lb tbody td.impl");
            assertThat(cells)
                    .hasSize(3)
                    .contains(
                            "numpy (ours)\nPORTABLE · " + NUMPY + " · runner " + RUNNER,
                            "java (ours)\nPORTABLE · test kernels",
                            "vendorlib (vendor library)\nVENDOR_LIBRARY · a vendor's BLAS");
            assertThat(browser.texts("#lb tbody td:nth-child(6)")).contains("external", "cpu");
            browser.js("jb.lastDownload = null");
            browser.driver.findElement(By.id("lb-csv")).click();
            browser.waitFor("jb.lastDownload && jb.lastDownload.name.endsWith('.csv')");
            String csv = (String) browser.driver.executeAsyncScript(
                    "var done = arguments[0]; jb.lastDownload.blob.text().then(done);");
            assertThat(csv.lines().skip(1).findFirst().orElseThrow()).endsWith(",implementation_description,runner");
            assertThat(csv).contains("," + NUMPY + "," + RUNNER + "\n");
            assertThat(browser.js(
                            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .isEqualTo(true);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
