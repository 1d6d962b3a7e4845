package org.joulebench.backend.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A started runner process: its pipes, whether it runs, and how to end it with everything it started. */
interface Child {
    long pid();

    OutputStream stdin();

    InputStream stdout();

    boolean isAlive();

    /** Waits up to {@code millis} for it to exit; true when it has. */
    boolean waitFor(long millis);

    /** Its exit status once it has exited, else -1. */
    int exitStatus();

    /** Kills it and every process it started, and reaps it. */
    void killTree();

    /** With {@code posix_spawnp} in a process group of its own where that links, else with {@link ProcessBuilder}. */
    static Child start(List<String> command, Map<String, String> environment, Path stderrFile) throws IOException {
        if (SpawnedProcess.supported()) {
            SpawnedProcess p = SpawnedProcess.start(command, environment, stderrFile);
            return new Child() {
                @Override
                public long pid() {
                    return p.pid();
                }

                @Override
                public OutputStream stdin() {
                    return p.stdin();
                }

                @Override
                public InputStream stdout() {
                    return p.stdout();
                }

                @Override
                public boolean isAlive() {
                    return p.isAlive();
                }

                @Override
                public boolean waitFor(long millis) {
                    return p.waitFor(millis);
                }

                @Override
                public int exitStatus() {
                    return p.exitStatus();
                }

                @Override
                public void killTree() {
                    // descendants that left the group (setsid) are found through /proc before the group goes
                    List<ProcessHandle> strays = ProcessHandle.of(p.pid()).stream()
                            .flatMap(ProcessHandle::descendants)
                            .toList();
                    // the group outlives its leader while any member lives, so its id is not reused meanwhile
                    p.killGroup();
                    strays.forEach(ProcessHandle::destroyForcibly);
                    p.waitFor(5_000);
                }
            };
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(stderrFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(environment);
        Process p = pb.start();
        return new Child() {
            @Override
            public long pid() {
                return p.pid();
            }

            @Override
            public OutputStream stdin() {
                return p.getOutputStream();
            }

            @Override
            public InputStream stdout() {
                return p.getInputStream();
            }

            @Override
            public boolean isAlive() {
                return p.isAlive();
            }

            @Override
            public boolean waitFor(long millis) {
                try {
                    return p.waitFor(millis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return !p.isAlive();
                }
            }

            @Override
            public int exitStatus() {
                return p.isAlive() ? -1 : p.exitValue();
            }

            @Override
            public void killTree() {
                Stream.concat(p.descendants(), Stream.of(p.toHandle())).forEach(ProcessHandle::destroyForcibly);
                waitFor(5_000);
            }
        };
    }
}
