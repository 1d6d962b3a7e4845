package org.joulebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of this module import each other without a cycle (issue 18: check used to import the submitter that
 * calls it). Read from the sources, so a new import that closes a loop fails here with the loop named.
 */
class PackageGraphTest {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT =
            Pattern.compile("(?m)^import\\s+(?:static\\s+)?(org\\.joulebench\\.results(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void noCycleBetweenPackages() throws IOException {
        Map<String, Set<String>> graph = importGraph(Path.of("src/main/java"));
        assertThat(graph).containsKeys("org.joulebench.results.check", "org.joulebench.results.record");
        assertThat(cycles(graph)).as("package cycles inside results").isEmpty();
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a"));
        graph.put("d", Set.of("a"));
        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
    }

    static Map<String, Set<String>> importGraph(Path sources) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) continue;
                Set<String> targets = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher imp = IMPORT.matcher(text);
                while (imp.find()) {
                    if (!imp.group(1).equals(pkg.group(1))) targets.add(imp.group(1));
                }
            }
        }
        return graph;
    }

    /** Strongly connected components of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        var state = new Object() {
            int counter;
            final Map<String, Integer> index = new HashMap<>();
            final Map<String, Integer> low = new HashMap<>();
            final List<String> stack = new ArrayList<>();
            final Set<String> onStack = new HashSet<>();
            final List<List<String>> found = new ArrayList<>();

            void visit(String v) {
                index.put(v, counter);
                low.put(v, counter++);
                stack.add(v);
                onStack.add(v);
                for (String w : graph.getOrDefault(v, Set.of())) {
                    if (!index.containsKey(w)) {
                        visit(w);
                        low.put(v, Math.min(low.get(v), low.get(w)));
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.removeLast();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    if (component.size() > 1)
                        found.add(component.stream().sorted().toList());
                }
            }
        };
        for (String v : graph.keySet()) {
            if (!state.index.containsKey(v)) state.visit(v);
        }
        return state.found;
    }
}
