package org.joulebench.site;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Real headless Chromium (Debian's chromium + chromedriver: nothing is downloaded). */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static final String INSTALL = "apt-get install -y --no-install-recommends chromium chromium-driver";

    /**
     * Starts Chromium. When it is not installed, the calling test is skipped with the reason, except in CI
     * ({@link BrowserRequirement}), where it fails: CI installs the browser, so a missing one is a broken
     * machine, not a reason to ship untested pages.
     */
    static Browser start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String absent = CHROMIUM + " or " + CHROMEDRIVER + " is absent (" + INSTALL + ")";
        BrowserRequirement requirement = BrowserRequirement.fromEnvironment();
        if (!installed && requirement.required()) {
            fail("browser tests must run here (" + requirement.reason() + "), but " + absent);
        }
        assumeTrue(installed, "browser tests skipped: " + absent);
        try {
            Path profile = Files.createTempDirectory("jb-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1400,1000",
                    "--user-data-dir=" + profile);
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            // export buttons really download: keep those files in the temporary profile (deleted on close)
            options.setExperimentalOption(
                    "prefs",
                    Map.of(
                            "download.default_directory",
                            profile.resolve("downloads").toString(),
                            "download.prompt_for_download",
                            false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(Path file) {
        driver.get(file.toUri().toString());
    }

    void open(Path file, String fragment) {
        driver.get(file.toUri() + "#" + fragment);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void waitFor(String jsCondition) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d ->
                        Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!(" + jsCondition + ")")));
    }

    void waitForChart(String id) {
        waitFor("document.getElementById('" + id + "') && document.getElementById('" + id
                + "').dataset.rendered === '1'");
    }

    /** Console messages at SEVERE (errors, CSP violations, failed loads) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Every console message since the last call. */
    List<String> consoleAll() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage())
                .toList();
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getText())
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var s = Files.walk(profile)) {
            s.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp profile
        }
    }
}
