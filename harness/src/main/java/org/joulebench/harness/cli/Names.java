package org.joulebench.harness.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Parses comma-separated name lists, failing with the valid names (exit code 2). */
final class Names {
    private Names() {}

    static List<String> split(List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String r : raw) {
                for (String part : r.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    static <T> Set<T> parse(CommandSpec spec, String option, List<String> raw, Function<String, T> parser) {
        Set<T> out = new LinkedHashSet<>();
        for (String name : split(raw)) {
            try {
                out.add(parser.apply(name));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
            }
        }
        return out;
    }
}
