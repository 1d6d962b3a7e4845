package org.joulebench.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The hand-written fixtures in test resources. */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/org/joulebench/results/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** Copies a fixture to {@code dir/fileName}, optionally with one textual replacement. */
    public static Path copy(String name, Path file, String from, String to) throws IOException {
        String text = text(name);
        if (from != null) {
            if (!text.contains(from)) {
                throw new IllegalArgumentException("fixture " + name + " lacks " + from);
            }
            text = text.replace(from, to);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
        return file;
    }
}
