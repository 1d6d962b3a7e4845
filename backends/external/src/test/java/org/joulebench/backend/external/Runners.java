package org.joulebench.backend.external;

import java.nio.file.Path;

/** Where the shipped runners are, from the module folder (the tests' working directory). */
final class Runners {
    private Runners() {}

    static final Path DIR = Path.of("runners").toAbsolutePath();
    static final Path NUMPY_DESCRIPTOR = DIR.resolve("numpy.runner.json");
    static final Path NUMPY = DIR.resolve("numpy_runner.py");
    static final Path TORCH_DESCRIPTOR = DIR.resolve("torch.runner.json");
    static final Path BAD = Path.of("src/test/resources/bad_runner.py").toAbsolutePath();

    /** Whether python3 here imports numpy (CI installs it: .ci/run). */
    static boolean numpyImportable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips without numpy, except in CI ({@code CI=true}), where a missing numpy is a failure. */
    static void assumeNumpy() {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean numpy = numpyImportable();
        if (ci) {
            org.assertj.core.api.Assertions.assertThat(numpy)
                    .as("python3 imports numpy (CI installs it: .ci/run)")
                    .isTrue();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(numpy, "python3 here does not import numpy");
    }
}
