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
}
