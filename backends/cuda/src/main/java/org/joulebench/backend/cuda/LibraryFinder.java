package org.joulebench.backend.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds shared libraries by file name in folders, without loading them. */
final class LibraryFinder {
    private LibraryFinder() {}

    /** The first {@code dir/name} that is a regular file, in the folders' order. */
    static Optional<Path> findExact(String name, List<Path> dirs) {
        for (Path dir : dirs) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The library {@code base.so.N} with the highest major version N in the first folder that has one (e.g.
     * {@code libcublas.so.13} before {@code libcublas.so.12} in one folder).
     */
    static Optional<Path> findVersioned(String base, List<Path> dirs) {
        Pattern pattern = Pattern.compile(Pattern.quote(base) + "\\.so\\.([0-9]+)");
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> best = files.filter(
                                p -> pattern.matcher(p.getFileName().toString()).matches())
                        .filter(Files::isRegularFile)
                        .max(Comparator.comparingInt(p -> majorVersion(pattern, p)));
                if (best.isPresent()) {
                    return best;
                }
            } catch (IOException e) {
                // unreadable folder: look in the next
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(Pattern pattern, Path p) {
        Matcher m = pattern.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
