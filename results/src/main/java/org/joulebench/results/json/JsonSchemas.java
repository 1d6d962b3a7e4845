package org.joulebench.results.json;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The committed JSON Schemas (draft 2020-12), loaded from this module's resources. */
public enum JsonSchemas {
    /** Run records of the current version ({@code RunRecord.CURRENT_SCHEMA_VERSION}). */
    RUN_RECORD("run-record.schema.json"),
    /** Run records of schema version 1: read (and upgraded, see {@code RecordV1Upgrade}), never written. */
    RUN_RECORD_V1("run-record-v1.schema.json"),
    SYSTEM_DESCRIPTION("system-description.schema.json");

    /** Classpath folder of the schema files. */
    public static final String RESOURCE_DIR = "/org/joulebench/results/schemas/";

    private final String fileName;
    private volatile Schema schema;

    JsonSchemas(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** The schema text as committed. */
    public byte[] bytes() {
        try (InputStream in = JsonSchemas.class.getResourceAsStream(RESOURCE_DIR + fileName)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + RESOURCE_DIR + fileName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates {@code instance}; an empty list means valid. Paths are JSON paths ({@code $.a[0].b}). */
    public List<Error> validate(JsonNode instance) {
        return schema().validate(instance);
    }

    private Schema schema() {
        Schema s = schema;
        if (s == null) {
            synchronized (this) {
                s = schema;
                if (s == null) {
                    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_PATH)
                            .formatAssertionsEnabled(true)
                            .build();
                    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                            SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config));
                    JsonNode node = Json.mapper().readTree(bytes());
                    s = registry.getSchema(node);
                    schema = s;
                }
            }
        }
        return s;
    }
}
