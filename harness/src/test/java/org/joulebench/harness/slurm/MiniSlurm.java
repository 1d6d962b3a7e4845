package org.joulebench.harness.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Slurm on loopback, all state in one folder: munged, slurmctld and slurmd started as
 * child processes in the foreground and stopped by their process ids in {@link #close()}.
 */
final class MiniSlurm implements AutoCloseable {
    static final List<String> BINARIES = List.of("munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue");

    final Path dir;
    final Path conf;
    private final List<Process> daemons = new ArrayList<>();

    /** Null when every binary is on the PATH (or in /usr/sbin), else what is missing. */
    static String missingBinaries() {
        List<String> missing = BINARIES.stream().filter(b -> find(b) == null).toList();
        return missing.isEmpty() ? null : "Slurm/munge binaries not installed: " + missing;
    }

    static String find(String bin) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, bin))) {
                return Path.of(d, bin).toString();
            }
        }
        return null;
    }

    MiniSlurm(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        for (String d : List.of("state", "spool", "munge", "log")) {
            Files.createDirectories(dir.resolve(d));
        }
        dir.resolve("munge").toFile().setReadable(true, false);
        dir.resolve("munge").toFile().setExecutable(true, false); // socket folder mode 755
        Path key = dir.resolve("munge/munge.key");
        check(new ProcessBuilder(find("mungekey"), "-c", "-k", key.toString()), "mungekey");
        int port = ThreadLocalRandom.current().nextInt(20000, 40000);
        String user = System.getProperty("user.name");
        conf = dir.resolve("slurm.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "ClusterName=jbtest",
                        "SlurmctldHost=localhost(127.0.0.1)",
                        "SlurmUser=" + user,
                        "SlurmdUser=" + user,
                        "SlurmctldPort=" + port,
                        "SlurmdPort=" + (port + 1),
                        "AuthType=auth/munge",
                        "AuthInfo=socket=" + dir.resolve("munge/munge.socket"),
                        "StateSaveLocation=" + dir.resolve("state"),
                        "SlurmdSpoolDir=" + dir.resolve("spool"),
                        "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                        "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                        "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                        "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                        "ProctrackType=proctrack/linuxproc",
                        "TaskPlugin=task/none",
                        "SelectType=select/cons_tres",
                        "AccountingStorageType=accounting_storage/none",
                        "JobAcctGatherType=jobacct_gather/none",
                        "JobCompType=jobcomp/filetxt",
                        "JobCompLoc=" + dir.resolve("log/jobcomp.txt"),
                        "MpiDefault=none",
                        "ReturnToService=2",
                        "SchedulerParameters=sched_interval=1",
                        "NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN",
                        "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
                        ""));
        try {
            start(
                    "munged",
                    find("munged"),
                    "-F",
                    "-f",
                    "--socket=" + dir.resolve("munge/munge.socket"),
                    "--key-file=" + key,
                    "--pid-file=" + dir.resolve("munge/munged.pid"),
                    "--log-file=" + dir.resolve("log/munged.log"),
                    "--seed-file=" + dir.resolve("munge/seed"));
            waitFor(() -> Files.exists(dir.resolve("munge/munge.socket")), "munged socket");
            start("slurmctld", find("slurmctld"), "-D");
            start("slurmd", find("slurmd"), "-D", "-N", "localhost");
            SlurmClient client = new SlurmClient(conf);
            waitFor(
                    () -> {
                        var o = client.call(List.of("sinfo", "-h", "-o", "%T"));
                        return o.exitCode() == 0 && o.out().strip().startsWith("idle");
                    },
                    "the node to come up idle");
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private void start(String name, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(Map.of("SLURM_CONF", conf.toString()));
        pb.redirectErrorStream(true)
                .redirectOutput(dir.resolve("log/" + name + ".out").toFile());
        daemons.add(pb.start());
    }

    interface Probe {
        boolean ok() throws IOException;
    }

    private void waitFor(Probe p, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!p.ok()) {
            for (Process d : daemons) {
                if (!d.isAlive()) {
                    throw new IOException(d.info().command().orElse("a daemon") + " exited (" + d.exitValue()
                            + ") waiting for " + what + "; logs in " + dir.resolve("log"));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out waiting for " + what + "; logs in " + dir.resolve("log"));
            }
            Thread.sleep(200);
        }
    }

    private static void check(ProcessBuilder pb, String what) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(what + " failed: " + out);
        }
    }

    /** Stops the daemons by their process ids (slurmd first), and any job step they left. */
    @Override
    public void close() {
        List<Process> reversed = new ArrayList<>(daemons);
        java.util.Collections.reverse(reversed);
        for (Process d : reversed) {
            d.descendants().forEach(ProcessHandle::destroy);
            d.destroy();
            try {
                if (!d.waitFor(5, TimeUnit.SECONDS)) {
                    d.descendants().forEach(ProcessHandle::destroyForcibly);
                    d.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        daemons.clear();
        // Job steps outlive slurmd (slurmstepd is not its descendant once detached): end every process
        // whose command line names this cluster's folder or its jobs' spool.
        String here = dir.toAbsolutePath().toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(here)).orElse(false))
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
    }
}
