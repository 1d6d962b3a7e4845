package org.joulebench.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.joulebench.results.run.RunRecord;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run record atomically (temp file + rename) so a crash never leaves half a record. */
public final class RunRecordWriter {
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RunRecordWriter() {}

    public static Path write(RunRecord record, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve("run-" + record.runId() + ".json");
        Path tmp = Files.createTempFile(dir, ".run-", ".json.tmp");
        try {
            MAPPER.writeValue(tmp.toFile(), record);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
