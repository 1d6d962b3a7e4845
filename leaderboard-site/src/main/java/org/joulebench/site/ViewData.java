package org.joulebench.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The browser's data, one file per view, so that a page loads only what it shows (one data set for every page was
 * 38 MB at 100,000 results):
 *
 * <ul>
 *   <li>{@code data/leaderboard.js}: the leaderboard's summary (which kernel/dtype boards exist, their row counts);
 *   <li>{@code data/boards/<kernel>__<dtype>.js}: one board's ranked rows and the systems they name, loaded when
 *       that kernel and dtype are chosen;
 *   <li>{@code data/systems.js}: the list of systems (id, name, submitter) the compare and roofline pages choose
 *       from;
 *   <li>{@code data/systems/<id>.js}: one system (its roofs) and its ranked rows, loaded when it is chosen;
 *   <li>{@code data/history-data.js}: the history page's series (written by {@link SiteGenerator}).
 * </ul>
 *
 * A summary file sets {@code window.JB}; a part sets {@code window.JB_PARTS[path]} = {@code {columns, systems,
 * rows}}, a row's {@code system} indexing the part's own {@code systems}. Rows a ranking leaves out (raw windows
 * short of the submission profile) are on their system page only, so no view's data carries them.
 */
final class ViewData {
    /** What a board's rows need of their system. */
    record SystemLabel(String id, String name, String submitter, String vendor, String kind, boolean local) {
        static SystemLabel of(SystemEntry s) {
            return new SystemLabel(s.id(), s.name(), s.submitter(), s.vendor(), s.kind(), s.local());
        }
    }

    /**
     * One kernel/dtype board in the leaderboard's summary.
     *
     * @param file the board's data file, relative to the site root
     * @param rows its ranked rows; {@code measured}, {@code estimated} and {@code local} count among them
     */
    record Board(String kernel, String dtype, String file, int rows, int measured, int estimated, int local) {}

    static final String LEADERBOARD = "data/leaderboard.js";
    static final String SYSTEMS = "data/systems.js";
    static final String HISTORY = "data/history-data.js";

    private ViewData() {}

    /** Writes the leaderboard's and the systems' data files under {@code out/data}. */
    static void write(SiteModel model, String citation, String version, Path out) throws IOException {
        Files.createDirectories(out.resolve("data/boards"));
        Files.createDirectories(out.resolve("data/systems"));
        writeBoards(model, citation, version, out);
        writeSystems(model, citation, version, out);
    }

    static String boardFile(String kernel, String dtype) {
        // '__' never occurs in a slug, so no two kernel/dtype pairs share a file
        return "data/boards/" + SiteModel.slug(kernel) + "__" + SiteModel.slug(dtype) + ".js";
    }

    static String systemFile(SystemEntry s) {
        return "data/systems/" + s.id() + ".js";
    }

    private static void writeBoards(SiteModel model, String citation, String version, Path out) throws IOException {
        Map<String, List<ResultRow>> byBoard = new TreeMap<>();
        for (ResultRow r : model.rows()) {
            if (r.ranked()) {
                byBoard.computeIfAbsent(r.kernel() + "\u0000" + r.dtype(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<Board> boards = new ArrayList<>();
        Set<String> files = new HashSet<>();
        for (List<ResultRow> rows : byBoard.values()) {
            ResultRow first = rows.getFirst();
            String file = boardFile(first.kernel(), first.dtype());
            if (!files.add(file)) {
                throw new IllegalStateException("two boards share the data file " + file);
            }
            int measured = 0, estimated = 0, local = 0;
            for (ResultRow r : rows) {
                if (r.estimated()) {
                    estimated++;
                } else {
                    measured++;
                }
                if (model.systems().get(r.system()).local()) {
                    local++;
                }
            }
            boards.add(new Board(first.kernel(), first.dtype(), file, rows.size(), measured, estimated, local));
            writePart(out, file, part(model, rows, SystemLabel::of));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("citation", citation);
        summary.put("version", version);
        summary.put("boards", boards);
        Files.writeString(out.resolve(LEADERBOARD), "window.JB = " + SiteJson.scriptSafe(summary) + ";\n");
    }

    private static void writeSystems(SiteModel model, String citation, String version, Path out) throws IOException {
        List<List<ResultRow>> bySystem = new ArrayList<>();
        for (int i = 0; i < model.systems().size(); i++) {
            bySystem.add(new ArrayList<>());
        }
        for (ResultRow r : model.rows()) {
            if (r.ranked()) {
                bySystem.get(r.system()).add(r);
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < model.systems().size(); i++) {
            SystemEntry s = model.systems().get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", s.id());
            entry.put("name", s.name());
            entry.put("submitter", s.submitter());
            entry.put("local", s.local());
            entry.put("file", systemFile(s));
            list.add(entry);
            Map<String, Object> part = part(model, bySystem.get(i), e -> e);
            if (part.get("systems") instanceof List<?> l && l.isEmpty()) {
                part.put("systems", List.of(s)); // a system without ranked rows still has its roofs
            }
            writePart(out, systemFile(s), part);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("citation", citation);
        summary.put("version", version);
        summary.put("systems", list);
        Files.writeString(out.resolve(SYSTEMS), "window.JB = " + SiteJson.scriptSafe(summary) + ";\n");
    }

    /** Rows as arrays in {@code SiteGenerator.ROW_COLUMNS} order, their systems renumbered within the part. */
    private static Map<String, Object> part(
            SiteModel model, List<ResultRow> rows, java.util.function.Function<SystemEntry, Object> systemView) {
        Map<Integer, Integer> local = new LinkedHashMap<>();
        List<Object> systems = new ArrayList<>();
        List<List<Object>> arrays = new ArrayList<>(rows.size());
        for (ResultRow r : rows) {
            Integer at = local.get(r.system());
            if (at == null) {
                at = systems.size();
                local.put(r.system(), at);
                systems.add(systemView.apply(model.systems().get(r.system())));
            }
            List<Object> row = new ArrayList<>(SiteGenerator.ROW_COLUMNS.size());
            row.add(at);
            row.addAll(r.columnValues());
            arrays.add(row);
        }
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("columns", SiteGenerator.ROW_COLUMNS);
        part.put("systems", systems);
        part.put("rows", arrays);
        return part;
    }

    private static void writePart(Path out, String file, Map<String, Object> part) throws IOException {
        // a classic script (pages work from file://, where fetch is refused): it files itself under its own path
        Files.writeString(
                out.resolve(file),
                "(window.JB_PARTS = window.JB_PARTS || {})[" + SiteJson.scriptSafe(file) + "] = "
                        + SiteJson.scriptSafe(part) + ";\n");
    }
}
