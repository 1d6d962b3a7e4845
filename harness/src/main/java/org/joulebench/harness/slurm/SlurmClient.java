package org.joulebench.harness.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls Slurm's commands ({@code sbatch}, {@code squeue}, {@code sacct}) as processes. With a
 * {@code slurmConf}, they get {@code SLURM_CONF} set to it (and so do the jobs they submit, which
 * inherit the environment).
 */
public final class SlurmClient {
    private static final long TIMEOUT_SECONDS = 60;
    private final Path slurmConf;

    public SlurmClient(Path slurmConf) {
        this.slurmConf = slurmConf;
    }

    /** What a command printed and returned; exit code -1 when it could not be started. */
    public record Output(int exitCode, String out, String err) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    public Output call(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (slurmConf != null) {
            pb.environment().put("SLURM_CONF", slurmConf.toAbsolutePath().toString());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            // small outputs: read stderr on a side thread so neither pipe fills
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errText.complete(e.toString());
                }
            });
            String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Output(-1, outText, command.getFirst() + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Output(p.exitValue(), outText, errText.get(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            return new Output(-1, "", "cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output(-1, "", "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Output(-1, "", e.toString());
        }
    }

    /** Submits a script; returns the job id ({@code sbatch --parsable}). */
    public String sbatch(List<String> options, Path script) throws SlurmException {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(options);
        cmd.add(script.toString());
        Output o = call(cmd);
        if (!o.ok()) {
            throw new SlurmException(
                    "sbatch failed (exit " + o.exitCode() + "): " + o.err().strip());
        }
        String id = o.out().strip().split(";")[0];
        if (!id.matches("\\d+")) {
            throw new SlurmException("sbatch printed no job id: " + o.out().strip());
        }
        return id;
    }

    /** A task as Slurm reports it. */
    public record TaskState(int index, String state, String exitCode, Double consumedJoules) {}

    /** Array tasks still in the queue, by index: PENDING, RUNNING, ... ({@code squeue -r}). */
    public Map<Integer, String> queued(String arrayJobId) {
        Output o = call(List.of("squeue", "-h", "-r", "-j", arrayJobId, "-o", "%K %T"));
        Map<Integer, String> m = new HashMap<>();
        if (!o.ok()) {
            return m; // an id that finished long ago is "invalid" to squeue: nothing queued
        }
        for (String line : o.out().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[0].matches("\\d+")) {
                m.put(Integer.parseInt(f[0]), f[1]);
            }
        }
        return m;
    }

    /** The accounting view of an array job's tasks, or why there is none. */
    public record Accounting(boolean available, String reason, Map<Integer, TaskState> tasks) {}

    public Accounting accounting(String arrayJobId) {
        Output o = call(
                List.of("sacct", "-n", "-P", "-X", "-j", arrayJobId, "-o", "JobID,State,ExitCode,ConsumedEnergyRaw"));
        if (!o.ok()) {
            String why = (o.err() + " " + o.out()).strip();
            return new Accounting(false, "sacct: " + (why.isEmpty() ? "exit " + o.exitCode() : why), Map.of());
        }
        Map<Integer, TaskState> m = new HashMap<>();
        for (String line : o.out().split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 4) {
                continue;
            }
            int us = f[0].indexOf('_');
            if (us < 0 || !f[0].substring(us + 1).matches("\\d+")) {
                continue;
            }
            Double joules = f[3].matches("\\d+(\\.\\d+)?") ? Double.valueOf(f[3]) : null;
            int idx = Integer.parseInt(f[0].substring(us + 1));
            m.put(idx, new TaskState(idx, f[1].split(" ")[0], f[2], joules));
        }
        return new Accounting(true, null, m);
    }

    /** A Slurm command failed in a way the user must see. */
    public static final class SlurmException extends Exception {
        public SlurmException(String message) {
            super(message);
        }
    }
}
