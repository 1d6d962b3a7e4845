package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.SafeJsonReader;
import org.joulebench.results.record.RunRecord;
import org.joulebench.site.plot.SweepFigure;

/** {@code figure --sweep RUN}: a sweep record, read as every reader does, drawn by {@link SweepFigure}. */
final class SweepFigures {
    private SweepFigures() {}

    static int draw(Path run, Path out, PrintWriter stdout, PrintWriter stderr) throws IOException {
        if (!Files.isRegularFile(run)) {
            stderr.println("joulebench figure: --sweep " + run + ": no such run record file");
            return 2;
        }
        byte[] bytes = Files.readAllBytes(run);
        RunRecord record;
        try {
            record = SafeJsonReader.parseRunRecord(run.toString(), bytes);
        } catch (InvalidJsonException e) {
            stderr.println("joulebench figure: --sweep " + run + ": " + e.getMessage());
            return 1;
        }
        Path outDir = out != null ? out : BuildInfo.home().resolve("local").resolve("figures");
        String base = ("sweep-"
                        + (record.sweep() == null
                                ? ""
                                : record.sweep().kernel() + "-" + record.sweep().dtype() + "-") + record.runId())
                .replaceAll("[^A-Za-z0-9._-]+", "-");
        SweepFigure.Written w;
        try {
            w = SweepFigure.write(record, run.getFileName() + " (SHA-256 " + sha256(bytes) + ")", outDir, base);
        } catch (IllegalArgumentException e) {
            stderr.println("joulebench figure: --sweep " + run + ": " + e.getMessage());
            return 1;
        }
        stdout.println("Sweep figure (" + w.points() + " points, " + w.files().size() + " files): " + w.throughput()
                + (w.energy() == null ? "" : ", " + w.energy()) + ", " + w.csv() + " and the rest beside them");
        stdout.println("Caption: " + w.caption());
        return 0;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
