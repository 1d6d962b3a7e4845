package org.joulebench.results.json;

import com.networknt.schema.Error;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads run records and system descriptions from untrusted files, in this order, stopping at the first
 * failed step: size limit ({@link Json#MAX_FILE_BYTES}), strict UTF-8 decoding, JSON syntax (nesting
 * limit {@link Json#MAX_NESTING_DEPTH}, no NaN/Infinity, no duplicate keys, no trailing data), finite
 * numbers, the JSON Schema (types, required and unknown fields, ranges), display names, then binding to
 * the records.
 *
 * <p>The only exception a parse method throws is {@link InvalidJsonException}, whose message names the
 * source, the JSON path of the field and the problem; the {@code read} methods add {@link IOException}
 * for a file that cannot be read at all.
 */
public final class SafeJsonReader {

    private SafeJsonReader() {}

    public static RunRecord readRunRecord(Path file) throws IOException {
        return parseRunRecord(file.toString(), readBounded(file));
    }

    public static SystemDescription readSystemDescription(Path file) throws IOException {
        return parseSystemDescription(file.toString(), readBounded(file));
    }

    /**
     * Reads a run record of any readable version: version 1 is validated against its own schema, then read into the
     * current model by {@link RecordV1Upgrade} ({@code schemaVersion} stays 1); anything else is validated against
     * the current schema.
     */
    /** Most results one run record holds: the whole catalogue on several backends is a few hundred. */
    public static final int MAX_RESULTS_PER_RECORD = 5000;

    public static RunRecord parseRunRecord(String source, byte[] bytes) {
        JsonNode tree = parseTree(source, bytes);
        if (tree.path("results").isArray() && tree.path("results").size() > MAX_RESULTS_PER_RECORD) {
            throw new InvalidJsonException(
                    source,
                    "$.results",
                    tree.path("results").size() + " results, more than the limit of " + MAX_RESULTS_PER_RECORD
                            + " per run record");
        }
        JsonNode version = tree.path("schemaVersion");
        if (version.isIntegralNumber() && version.asLong() == 1) {
            validate(source, tree, JsonSchemas.RUN_RECORD_V1);
            try {
                RecordV1Upgrade.upgrade(tree);
            } catch (RuntimeException e) {
                throw new InvalidJsonException(source, "$", "cannot read this version-1 record: " + e, e);
            }
            // the upgraded tree must be a valid current record but for its version, which stays 1
            ObjectNode root = (ObjectNode) tree;
            root.put("schemaVersion", RunRecord.CURRENT_SCHEMA_VERSION);
            validate(source, tree, JsonSchemas.RUN_RECORD);
            root.put("schemaVersion", 1);
            ShownText.requireClean(source, tree);
            return bind(source, tree, RunRecord.class);
        } else if (version.isIntegralNumber() && version.asLong() > RunRecord.CURRENT_SCHEMA_VERSION) {
            throw new InvalidJsonException(
                    source,
                    "$.schemaVersion",
                    "schema version " + version.asString() + " is newer than this joulebench reads ("
                            + RunRecord.OLDEST_READABLE_SCHEMA_VERSION + " to " + RunRecord.CURRENT_SCHEMA_VERSION
                            + "); update joulebench");
        }
        validate(source, tree, JsonSchemas.RUN_RECORD);
        ShownText.requireClean(source, tree);
        return bind(source, tree, RunRecord.class);
    }

    public static SystemDescription parseSystemDescription(String source, byte[] bytes) {
        JsonNode tree = parseTree(source, bytes);
        validate(source, tree, JsonSchemas.SYSTEM_DESCRIPTION);
        for (String field : List.of("submitter", "systemName")) {
            Optional<String> problem =
                    DisplayNames.displayNameProblem(tree.path(field).asString(""));
            if (problem.isPresent()) {
                throw new InvalidJsonException(source, "$." + field, "the name " + problem.get());
            }
        }
        ShownText.requireClean(source, tree);
        return bind(source, tree, SystemDescription.class);
    }

    /**
     * Reads at most {@link Json#MAX_FILE_BYTES} bytes.
     *
     * @throws InvalidJsonException when the file is larger (nothing beyond the limit is read)
     */
    public static byte[] readBounded(Path file) throws IOException {
        // a FIFO or device given as a run file would block for ever or never end: plain files only
        // (a link to a plain file is followed: this reads the user's own input, not a tree others wrote)
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(
                    file + ": not a plain file (" + (Files.isDirectory(file) ? "a folder" : "a FIFO, socket or device")
                            + "); give a run record file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Json.MAX_FILE_BYTES + 1);
            if (bytes.length > Json.MAX_FILE_BYTES) {
                throw tooLarge(file.toString());
            }
            return bytes;
        }
    }

    /** Parses syntax only (size, UTF-8, JSON, finite numbers): no schema. */
    public static JsonNode parseTree(String source, byte[] bytes) {
        if (bytes.length > Json.MAX_FILE_BYTES) {
            throw tooLarge(source);
        }
        String text = decodeUtf8Strictly(source, bytes);
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new InvalidJsonException(source, pathOf(e), "malformed JSON: " + describe(e), e);
        } catch (RuntimeException e) {
            throw new InvalidJsonException(source, "$", "malformed JSON: " + e, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidJsonException(source, "$", "the file is empty; expected a JSON object");
        }
        requireFinite(source, tree, "$");
        return tree;
    }

    private static InvalidJsonException tooLarge(String source) {
        return new InvalidJsonException(
                source,
                "$",
                "the file is larger than " + Json.MAX_FILE_BYTES / (1024 * 1024)
                        + " MiB; a run record that large is not a benchmark result (split it into runs)");
    }

    private static String decodeUtf8Strictly(String source, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidJsonException(
                    source, "$", "not valid UTF-8 near byte offset " + in.position() + "; save the file as UTF-8", e);
        }
    }

    private static void requireFinite(String source, JsonNode node, String path) {
        if (node.isNumber()) {
            if (node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())) {
                throw new InvalidJsonException(source, path, "number out of range (not finite); write a finite number");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                requireFinite(source, e.getValue(), path + "." + e.getKey());
            }
        } else if (node.isArray()) {
            int i = 0;
            for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext(); i++) {
                requireFinite(source, it.next(), path + "[" + i + "]");
            }
        }
    }

    private static void validate(String source, JsonNode tree, JsonSchemas schema) {
        List<Error> errors = schema.validate(tree);
        if (errors.isEmpty()) {
            return;
        }
        // the deepest error is the real one: an anyOf [null, object] also reports "object found, null
        // expected" at the parent
        errors = new ArrayList<>(errors);
        errors.sort(java.util.Comparator.comparingInt((Error e) -> -depth(pathOf(e))));
        Error first = errors.getFirst();
        String path = pathOf(first);
        java.util.Set<String> rest = new java.util.LinkedHashSet<>();
        for (Error e : errors.subList(1, errors.size())) {
            if (e.getMessage().endsWith("null expected")
                    || e.getMessage().equals(first.getMessage()) && pathOf(e).equals(path)) {
                continue; // the other branch of a nullable anyOf: noise
            }
            rest.add(pathOf(e) + " " + e.getMessage());
        }
        String more = rest.isEmpty()
                ? ""
                : " (also: " + String.join("; ", rest.stream().limit(5).toList()) + (rest.size() > 5 ? "; ..." : "")
                        + ")";
        throw new InvalidJsonException(source, path, first.getMessage() + " [schema " + schema.fileName() + "]" + more);
    }

    private static int depth(String path) {
        int d = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                d++;
            }
        }
        return d;
    }

    /** The path of the field an error is about: for missing/unknown properties, the property itself. */
    static String pathOf(Error e) {
        String at = e.getInstanceLocation().toString();
        String keyword = e.getKeyword();
        if (e.getProperty() != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
            return at + "." + e.getProperty();
        }
        return at;
    }

    private static <T> T bind(String source, JsonNode tree, Class<T> type) {
        try {
            return Json.mapper().treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new InvalidJsonException(source, pathOf(e), describe(e), e);
        } catch (RuntimeException e) {
            // a record constructor's own check
            throw new InvalidJsonException(source, "$", "invalid value: " + e.getMessage(), e);
        }
    }

    private static String pathOf(JacksonException e) {
        if (e.processor() instanceof JsonParser p && e.getPath().isEmpty()) {
            // a syntax error: where the parser was
            try {
                return fromPointer(p.streamReadContext().pathAsPointer().toString());
            } catch (RuntimeException ignored) {
                return "$";
            }
        }
        StringBuilder sb = new StringBuilder("$");
        if (e instanceof DatabindException || e.getPath() != null) {
            for (JacksonException.Reference ref : e.getPath()) {
                if (ref.getPropertyName() != null) {
                    sb.append('.').append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        return sb.toString();
    }

    private static String fromPointer(String pointer) {
        StringBuilder sb = new StringBuilder("$");
        if (pointer.isEmpty()) {
            return "$";
        }
        for (String part : pointer.substring(1).split("/", -1)) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.matches("\\d+")) {
                sb.append('[').append(name).append(']');
            } else {
                sb.append('.').append(name);
            }
        }
        return sb.toString();
    }

    private static String describe(JacksonException e) {
        String msg = e.getOriginalMessage();
        if (msg != null && msg.contains("Non-standard token")) {
            msg = "NaN and Infinity are not JSON numbers; write a finite number (or null where the field allows it)";
        }
        TokenStreamLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            msg += " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        }
        return msg;
    }
}
