package org.joulebench.backend.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How to start a runner: a command line ({@code --runner 'python3 my_runner.py --device cuda'}) or a runner
 * descriptor file ({@code --runner lab/npu.runner.json}) that names it once:
 *
 * <pre>{@code
 * {"name": "npu-runner", "command": ["python3", "npu_runner.py", "--card", "0"],
 *  "environment": {"NPU_VISIBLE_DEVICES": "0"}, "replyTimeoutSeconds": 300}
 * }</pre>
 *
 * Relative paths in a descriptor's command are resolved against the descriptor's folder; in a command line,
 * words naming an existing file are made absolute (the benchmark fork may start elsewhere).
 *
 * @param source what the user gave (the command line or the descriptor path), for messages and the fork
 * @param command the program and its arguments
 * @param environment variables added to the runner's environment
 * @param replyTimeout how long joulebench waits for any one reply
 */
public record RunnerSpec(String source, List<String> command, Map<String, String> environment, Duration replyTimeout) {

    /** The system property the {@code --runner} option sets (and the fork receives). */
    public static final String PROPERTY = "joulebench.runner";
    /** The environment variable read when the property is not set. */
    public static final String ENVIRONMENT_VARIABLE = "JOULEBENCH_RUNNER";
    /** Overrides the reply timeout of a command line (a descriptor says its own). */
    public static final String TIMEOUT_PROPERTY = "joulebench.runner.replyTimeoutSeconds";

    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(120);

    public RunnerSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("runner '" + source + "': empty command");
        }
    }

    /** The runner the user configured ({@value #PROPERTY}, else {@value #ENVIRONMENT_VARIABLE}), if any. */
    public static Optional<String> configuredText() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Optional.of(p);
        }
        String e = System.getenv(ENVIRONMENT_VARIABLE);
        return e == null || e.isBlank() ? Optional.empty() : Optional.of(e);
    }

    /** A command line or, when the text names an existing {@code .json} file, a descriptor. */
    public static RunnerSpec parse(String text) {
        String t = text.strip();
        Path asFile = Path.of(t.isEmpty() ? "." : t);
        if (t.endsWith(".json") && Files.isRegularFile(asFile)) {
            return descriptor(asFile);
        }
        List<String> words = new ArrayList<>();
        for (String w : words(t)) {
            Path p = Path.of(w);
            words.add(
                    !p.isAbsolute() && w.contains("/") && Files.isRegularFile(p)
                            ? p.toAbsolutePath().toString()
                            : w);
        }
        return new RunnerSpec(t, words, Map.of(), timeoutFromProperty());
    }

    /** A runner descriptor file (see the class comment). */
    public static RunnerSpec descriptor(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        JsonNode d;
        try {
            d = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("runner descriptor " + file + ": " + oneLine(e.getMessage()));
        }
        JsonNode cmd = d.path("command");
        if (!cmd.isArray() || cmd.isEmpty()) {
            throw new IllegalArgumentException("runner descriptor " + file + ": \"command\" must be a non-empty array");
        }
        List<String> command = new ArrayList<>();
        for (JsonNode w : cmd) {
            String s = w.asString("");
            Path p = Path.of(s);
            command.add(
                    !p.isAbsolute() && Files.exists(dir.resolve(p))
                            ? dir.resolve(p).normalize().toString()
                            : s);
        }
        Map<String, String> env = new LinkedHashMap<>();
        d.path("environment")
                .properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asString("")));
        Duration timeout = d.has("replyTimeoutSeconds")
                ? Duration.ofMillis((long) (d.get("replyTimeoutSeconds").asDouble() * 1000))
                : timeoutFromProperty();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("runner descriptor " + file + ": replyTimeoutSeconds must be > 0");
        }
        return new RunnerSpec(file.toAbsolutePath().toString(), command, env, timeout);
    }

    private static Duration timeoutFromProperty() {
        String s = System.getProperty(TIMEOUT_PROPERTY);
        if (s == null || s.isBlank()) {
            return DEFAULT_REPLY_TIMEOUT;
        }
        double seconds = Double.parseDouble(s.strip());
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be > 0, got " + s);
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }

    /** Splits a command line into words: whitespace separates, single and double quotes group, \ escapes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("runner command has an unclosed " + quote + " quote: " + line);
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /** The spec as the text a fork receives ({@value #PROPERTY}): the descriptor path or the command line. */
    public String forkText() {
        if (source.endsWith(".json") && Files.isRegularFile(Path.of(source))) {
            return source;
        }
        StringBuilder b = new StringBuilder();
        for (String w : command) {
            b.append(b.isEmpty() ? "" : " ")
                    .append("'")
                    .append(w.replace("'", "'\\''"))
                    .append("'");
        }
        return b.toString();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\p{Cc}\\p{Cf}]+", " ").strip();
    }
}
