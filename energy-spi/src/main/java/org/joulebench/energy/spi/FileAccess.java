package org.joulebench.energy.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads small text files (sysfs). Injectable so tests can simulate a permission error even when they run
 * as root (root reads any file).
 */
@FunctionalInterface
public interface FileAccess {
    String readString(Path path) throws IOException;

    FileAccess DEFAULT = path -> Files.readString(path);
}
