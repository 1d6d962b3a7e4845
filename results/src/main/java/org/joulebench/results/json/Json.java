package org.joulebench.results.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project's one JSON configuration (Jackson 3) and the run-record/system-description file I/O.
 *
 * <p>Reading goes through {@link SafeJsonReader}: size, UTF-8, nesting, schema and name checks come
 * before any value is bound. Writing validates against the same schema first, so the harness can never
 * write a record that {@code check} would reject as malformed.
 */
public final class Json {

    /** Deepest nesting a record may have (a RunRecord nests about 8 levels). */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Largest JSON file read, in bytes. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final JsonMapper MAPPER = build();

    private Json() {}

    /**
     * The shared mapper: ISO-8601 dates, unknown properties rejected, NaN/Infinity rejected on read and
     * write, nesting bounded, pretty printed, map keys sorted (records keep their component order), so
     * the same record always writes the same bytes.
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    private static JsonMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_FILE_BYTES)
                        .maxStringLength(1_000_000)
                        .maxNameLength(1_000)
                        .maxNumberLength(64)
                        .build())
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    /** Serialises {@code value} with {@link #mapper()} to UTF-8 bytes, ending in a newline. */
    public static byte[] toBytes(Object value) {
        byte[] body = MAPPER.writeValueAsBytes(value);
        byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
        out[body.length] = '\n';
        return out;
    }

    /**
     * Writes a run record atomically (temp file in the same folder, fsync, rename): a reader sees the
     * old file or the whole new one, never half. Validates against the schema first.
     *
     * @throws InvalidJsonException when the record breaks the schema (e.g. a negative or NaN value) or is not of
     *     the current schema version
     */
    public static void writeRunRecord(Path file, RunRecord record) throws IOException {
        if (record.schemaVersion() != RunRecord.CURRENT_SCHEMA_VERSION) {
            throw new InvalidJsonException(
                    file.toString(),
                    "$.schemaVersion",
                    "records are written in schema version " + RunRecord.CURRENT_SCHEMA_VERSION + " only, not "
                            + record.schemaVersion());
        }
        byte[] bytes = toBytes(record);
        SafeJsonReader.parseRunRecord(file.toString(), bytes); // same checks as every reader
        writeAtomically(file, bytes);
    }

    /** Reads and fully validates a run record (see {@link SafeJsonReader}). */
    public static RunRecord readRunRecord(Path file) throws IOException {
        return SafeJsonReader.readRunRecord(file);
    }

    /** Writes a system description atomically, after validating it. */
    public static void writeSystemDescription(Path file, SystemDescription system) throws IOException {
        byte[] bytes = toBytes(system);
        SafeJsonReader.parseSystemDescription(file.toString(), bytes);
        writeAtomically(file, bytes);
    }

    /** Reads and fully validates a system description. */
    public static SystemDescription readSystemDescription(Path file) throws IOException {
        return SafeJsonReader.readSystemDescription(file);
    }

    /** Writes bytes to a temp file beside {@code file}, forces them to disk, then renames over it. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
