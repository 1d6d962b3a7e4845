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

    /**
     * A run record's JSON as another measurement of the same thing would read: every raw window's energy and
     * the last raw iteration and window nudged by a relative 1e-14 to 1e-10 (distinct for 10,000 seeds) (and the score with them), far inside every
     * rule's tolerance, so that {@code check} does not take it for a replay of the original. Tests that place the
     * golden run several times use it; a real second run differs in every digit.
     */
    public static String remeasured(String runJson, int seed) {
        tools.jackson.databind.node.ObjectNode run =
                (tools.jackson.databind.node.ObjectNode) Json.mapper().readTree(runJson);
        double k = 1 + (Math.abs(seed % 10_000) + 1) * 1e-14; // at most 1e-10: far inside the 1e-9 tolerance
        for (tools.jackson.databind.JsonNode r : run.get("results")) {
            // only the last iteration and the last window: the first ones are what tests edit by text
            tools.jackson.databind.node.ObjectNode score = (tools.jackson.databind.node.ObjectNode) r.get("score");
            if (score != null && score.get("rawIterations").size() > 1) {
                tools.jackson.databind.node.ArrayNode it =
                        (tools.jackson.databind.node.ArrayNode) score.get("rawIterations");
                int last = it.size() - 1;
                double before = it.get(last).asDouble();
                it.set(last, before * k);
                score.put("value", score.get("value").asDouble() + (before * k - before) / it.size());
            }
            tools.jackson.databind.JsonNode energy = r.get("energy");
            if (energy == null || energy.isNull()) {
                continue;
            }
            for (tools.jackson.databind.JsonNode d : energy.get("domains")) {
                tools.jackson.databind.JsonNode raw = d.get("raw");
                if (raw == null || raw.isNull() || raw.get("windows").isEmpty()) {
                    continue;
                }
                tools.jackson.databind.node.ObjectNode o = (tools.jackson.databind.node.ObjectNode)
                        raw.get("windows").get(raw.get("windows").size() - 1);
                if (o.hasNonNull("startJoules") && o.hasNonNull("endJoules")) {
                    double a = o.get("startJoules").asDouble();
                    o.put("endJoules", a + (o.get("endJoules").asDouble() - a) * k);
                }
            }
        }
        return new String(Json.toBytes(run), StandardCharsets.UTF_8);
    }

    /** Copies a fixture to {@code dir/fileName}, optionally with one textual replacement. */
    public static Path copy(String name, Path file, String from, String to) throws IOException {
        String text = text(name);
        if (from != null) {
            if (!text.contains(from)) {
                throw new IllegalArgumentException("fixture " + name + " lacks " + from);
            }
            text = text.replace(from, to);
            if (name.equals("run-golden.json")) {
                text = remeasured(text, to.hashCode() % 10_000); // another run: another measurement, not a replay
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
        return file;
    }
}
