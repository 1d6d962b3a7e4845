package org.joulebench.harness.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.joulebench.harness.env.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code joulebench bundle --out DIR}: a self-contained folder for a machine with no JDK, no Maven and no
 * network (a lent GPU): a jlinked Java runtime with only the modules {@code list}, {@code run},
 * {@code calibrate} and the conformance kit use, the jars, the launcher {@code DIR/joulebench} and
 * {@code DIR/gpu-check}. The leaderboard site and figures (AWT, PDF) are left out to stay under the size limit:
 * {@code run} in the bundle writes the record and skips the local site. Built from a checkout: the conformance
 * kit's jars come through the checkout's Maven wrapper (from the local repository, offline).
 */
@Command(
        name = "bundle",
        mixinStandardHelpOptions = true,
        description = "Build a self-contained folder (Java runtime, jars, launcher, gpu-check) that runs list, run,"
                + " calibrate and the conformance kit with no JDK, Maven or network.")
public final class BundleCommand implements Callable<Integer> {
    /** The modules of the runtime: what the harness, JMH, the backends, Jackson and JUnit use (no desktop). */
    static final List<String> MODULES = List.of(
            "java.base",
            "java.logging",
            "java.management",
            "java.naming",
            "java.sql",
            "java.xml",
            "jdk.crypto.ec",
            "jdk.incubator.vector",
            "jdk.management",
            "jdk.unsupported",
            "jdk.zipfs");
    /** Jars only the site and figures use (they need java.desktop, which the runtime leaves out). */
    static final List<String> SITE_ONLY_JARS =
            List.of("xchart-", "pdfbox-", "fontbox-", "graphics2d-", "VectorGraphics2D-", "commons-logging-");
    /** Marks a folder this command made, so that a rebuild may replace it. */
    static final String MARKER = ".joulebench-bundle";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            required = true,
            description = "the folder to create (an earlier bundle there is replaced)")
    Path out;

    @Option(names = "--max-mib", defaultValue = "60", description = "fail when the bundle is larger (default 60)")
    long maxMib;

    @Override
    public Integer call() throws Exception {
        PrintWriter say = spec.commandLine().getOut();
        Path home = BuildInfo.home();
        Path dir = out.toAbsolutePath().normalize();
        prepareFolder(dir);
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (Path jar : classPathJars()) {
            String name = jar.getFileName().toString();
            if (SITE_ONLY_JARS.stream().anyMatch(name::startsWith)) {
                continue;
            }
            if (name.startsWith("jcuda-natives-")) {
                onlyDriverNatives(jar, lib.resolve(name));
            } else {
                Files.copy(jar, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        say.println("bundle: jars in " + lib);
        kitJars(home, Files.createDirectories(dir.resolve("kit")));
        say.println("bundle: conformance kit jars in " + dir.resolve("kit"));
        jlink(dir.resolve("runtime"));
        say.println("bundle: Java runtime (" + String.join(",", MODULES) + ") in " + dir.resolve("runtime"));
        Path launcher = dir.resolve("joulebench");
        Files.writeString(launcher, launcherScript(), StandardCharsets.UTF_8);
        executable(launcher);
        Path gpuCheck = home.resolve("bundle").resolve("gpu-check");
        if (!Files.isRegularFile(gpuCheck)) {
            throw new IOException(gpuCheck + " is missing from the joulebench checkout");
        }
        Files.copy(gpuCheck, dir.resolve("gpu-check"), StandardCopyOption.REPLACE_EXISTING);
        executable(dir.resolve("gpu-check"));
        Files.writeString(dir.resolve(MARKER), "joulebench " + BuildInfo.harnessVersion() + "\n");
        long bytes = size(dir);
        long mib = (bytes + (1 << 20) - 1) >> 20;
        if (mib > maxMib) {
            throw new IOException("the bundle is " + mib + " MiB, over --max-mib " + maxMib + ": " + biggest(dir));
        }
        say.printf(Locale.ROOT, "bundle: %s, %d MiB; run %s/joulebench list, %s/gpu-check OUT%n", dir, mib, dir, dir);
        return 0;
    }

    private static void prepareFolder(Path dir) throws IOException {
        if (Files.exists(dir)) {
            boolean empty;
            try (Stream<Path> s = Files.list(dir)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw new IOException(dir + " exists and is not an earlier bundle: name a new or empty folder");
            }
            deleteTree(dir);
        }
        Files.createDirectories(dir);
    }

    /** The jars of this JVM's class path (the harness jar and its runtime dependencies). */
    static List<Path> classPathJars() {
        List<Path> jars = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                jars.add(p);
            }
        }
        return jars;
    }

    /** JCuda's natives jar with only the driver-API library (the runtime, NVRTC and PTX compiler ones are unused). */
    static void onlyDriverNatives(Path jar, Path target) throws IOException {
        try (JarFile in = new JarFile(jar.toFile());
                JarOutputStream o = new JarOutputStream(Files.newOutputStream(target))) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                String n = e.getName();
                if (n.startsWith("lib/") && !n.contains("JCudaDriver")) {
                    continue;
                }
                o.putNextEntry(new JarEntry(n));
                try (InputStream s = in.getInputStream(e)) {
                    s.transferTo(o);
                }
                o.closeEntry();
            }
        }
    }

    /** The conformance kit and its JUnit/AssertJ jars, copied by the checkout's Maven from the local repository. */
    private static void kitJars(Path home, Path kit) throws IOException, InterruptedException {
        Path module = home.resolve("backends").resolve("conformance");
        Path jar;
        try (Stream<Path> s = Files.list(module.resolve("target"))) {
            jar = s.filter(p -> p.getFileName().toString().matches("joulebench-backend-conformance-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("-tests"))
                    .findFirst()
                    .orElseThrow(() -> new IOException(
                            "the conformance kit is not built: run ./mvnw -DskipTests" + " package in " + home));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("the conformance kit is not built: run ./mvnw -DskipTests package in " + home, e);
        }
        Files.copy(jar, kit.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        run(
                home,
                List.of(
                        home.resolve("mvnw").toString(),
                        "-B",
                        "-q",
                        "-o",
                        "-pl",
                        "backends/conformance",
                        "dependency:copy-dependencies",
                        "-DincludeScope=runtime",
                        "-DexcludeGroupIds=org.joulebench",
                        "-DexcludeArtifactIds=byte-buddy",
                        "-DoutputDirectory=" + kit));
    }

    private static void jlink(Path runtime) throws IOException, InterruptedException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path jlink = javaHome.resolve("bin").resolve("jlink");
        if (!Files.isExecutable(jlink)) {
            throw new IOException("no jlink in " + javaHome + ": build the bundle with a JDK 25, not a JRE");
        }
        run(
                runtime.getParent(),
                List.of(
                        jlink.toString(),
                        "--add-modules",
                        String.join(",", MODULES),
                        "--strip-debug",
                        "--no-header-files",
                        "--no-man-pages",
                        "--compress=zip-9",
                        "--output",
                        runtime.toString()));
        // the JDK's libjvm.so keeps its symbol table (~5 MiB); the runtime does not need it
        Path libjvm = runtime.resolve("lib").resolve("server").resolve("libjvm.so");
        if (Files.isRegularFile(libjvm) && onPath("strip")) {
            run(runtime, List.of("strip", "--strip-unneeded", libjvm.toString()));
        }
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command.getFirst() + " failed: " + log.strip());
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isBlank() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The bundle's launcher: its own runtime, its jars, its folder as joulebench's home (runs go to local/). */
    static String launcherScript() {
        return """
                #!/usr/bin/env bash
                # joulebench from a self-contained bundle (./joulebench bundle): its own Java runtime and jars; no
                # JDK, Maven or network needed. Runs, calibration and JCuda's natives go under this folder's local/.
                #   ./joulebench list | run ... | calibrate ...     the usual commands (run skips the local site)
                #   ./joulebench conformance BACKEND                 the shared conformance kit on one backend
                set -euo pipefail
                here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
                java=("$here/runtime/bin/java" --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector \\
                  -Djoulebench.home="$here")
                # extra JVM options (gpu-check names cuBLAS with -Djoulebench.cublas=...); the benchmark forks inherit them
                java+=(${JOULEBENCH_JAVA_OPTS:-})
                if [ "${1:-}" = conformance ]; then
                  shift
                  exec "${java[@]}" -cp "$here/lib/*:$here/kit/*" org.joulebench.backend.conformance.KitMain "$@"
                fi
                if [ "${1:-}" = run ]; then
                  shift
                  set -- run --no-site "$@" # the site needs the desktop modules this runtime leaves out
                fi
                exec "${java[@]}" -cp "$here/lib/*" org.joulebench.harness.cli.Main "$@"
                """;
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static String biggest(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .sorted(Comparator.comparingLong((Path p) -> p.toFile().length())
                            .reversed())
                    .limit(5)
                    .map(p -> dir.relativize(p) + " " + (p.toFile().length() >> 20) + " MiB")
                    .toList()
                    .toString();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
