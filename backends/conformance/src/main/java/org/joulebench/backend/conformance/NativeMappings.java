package org.joulebench.backend.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared objects mapped into this process, read from {@code /proc/self/maps} (Linux): how the kit sees
 * whether a provider's cheap calls loaded native code. The JDK's own libraries (under {@code java.home}, which
 * the JVM maps lazily, e.g. for file or network access) and glibc's name-service modules are not counted.
 */
public final class NativeMappings {
    private NativeMappings() {}

    private static final Path MAPS = Path.of("/proc/self/maps");

    /** The non-JDK shared objects mapped now; empty when the system has no {@code /proc/self/maps}. */
    public static Optional<Set<String>> current() {
        if (!Files.isReadable(MAPS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(MAPS), Path.of(System.getProperty("java.home"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The shared-object paths in a maps text, less the JDK's and glibc's name-service ones. */
    public static Set<String> parse(String mapsText, Path javaHome) {
        Set<String> libs = new TreeSet<>();
        String jdk = javaHome.toAbsolutePath().normalize().toString();
        for (String line : mapsText.split("\n")) {
            // address perms offset dev inode [path]; the path may contain spaces
            String[] cols = line.strip().split("\\s+", 6);
            if (cols.length < 6 || !cols[5].startsWith("/")) {
                continue;
            }
            String path = cols[5].endsWith(" (deleted)")
                    ? cols[5].substring(0, cols[5].length() - " (deleted)".length())
                    : cols[5];
            String file = path.substring(path.lastIndexOf('/') + 1);
            boolean sharedObject = file.endsWith(".so") || file.contains(".so.");
            boolean jdkOwn = path.startsWith(jdk + "/");
            boolean nameService = file.startsWith("libnss_") || file.startsWith("libresolv");
            if (sharedObject && !jdkOwn && !nameService) {
                libs.add(path);
            }
        }
        return libs;
    }
}
