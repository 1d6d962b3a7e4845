package org.joulebench.harness.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.results.json.Json;

/**
 * The Slurm jobs of one results folder ({@code submissions.json}): the first submission and every
 * re-submission of failed shards, newest last.
 */
public record SubmissionLog(List<Entry> entries) {
    public static final String FILE = "submissions.json";

    public SubmissionLog {
        entries = List.copyOf(entries);
    }

    /**
     * @param arrayJobId the array job
     * @param mergeJobId the merge job that depends on it
     * @param shards the array indices it ran
     * @param submittedAt when
     */
    public record Entry(String arrayJobId, String mergeJobId, List<Integer> shards, Instant submittedAt) {}

    public static SubmissionLog read(Path folder) throws IOException {
        Path f = folder.resolve(FILE);
        if (!Files.exists(f)) {
            return new SubmissionLog(List.of());
        }
        return Json.mapper().readValue(f.toFile(), SubmissionLog.class);
    }

    public SubmissionLog plus(Entry e) {
        List<Entry> l = new ArrayList<>(entries);
        l.add(e);
        return new SubmissionLog(l);
    }

    public void write(Path folder) throws IOException {
        Json.writeAtomically(folder.resolve(FILE), Json.toBytes(this));
    }

    /** The newest array job that ran shard {@code index}, or {@code null}. */
    public Entry latestFor(int index) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).shards().contains(index)) {
                return entries.get(i);
            }
        }
        return null;
    }
}
