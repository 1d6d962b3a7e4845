package org.joulebench.backend.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;

/**
 * Makes every cheap provider call ({@code id}, {@code description}, {@code availability}, {@code devices},
 * {@code implementations} per device, {@code forkOptions}) in a fresh JVM, as the harness's parent JVM does,
 * and reports what they left behind: shared objects mapped (native code loaded) and threads still running.
 * A fresh JVM because in the test's own JVM the backend has already been opened.
 *
 * <p>Threads of the JDK's shared pools (the common fork-join pool, the process reaper) are not counted.
 */
public final class CheapCallsProbe {
    private CheapCallsProbe() {}

    /** What the cheap calls left behind; {@code nativeChecked} is false where the OS has no process maps. */
    public record Findings(boolean nativeChecked, List<String> newSharedObjects, List<String> threadsLeftRunning) {}

    /** Runs the probe for a provider class (with a public no-argument constructor) in a child JVM. */
    public static Findings inFreshJvm(Class<? extends BackendProvider> providerClass)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp") && !arg.startsWith("-javaagent")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CheapCallsProbe.class.getName());
        command.add(providerClass.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = readAll(process.getInputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the cheap-calls probe did not finish in 60 s:\n" + output);
        }
        if (process.exitValue() != 0 || !output.contains("\ndone\n")) {
            throw new IllegalStateException(
                    "the cheap-calls probe failed (exit " + process.exitValue() + "):\n" + output);
        }
        boolean nativeChecked = output.contains("\nnative-checked\n");
        List<String> libs = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("lib ")) {
                libs.add(line.substring(4));
            } else if (line.startsWith("thread ")) {
                threads.add(line.substring(7));
            }
        }
        return new Findings(nativeChecked, libs, threads);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return "\n" + out.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    /** Child side: {@code CheapCallsProbe <provider class>}; prints {@code lib}, {@code thread} and {@code done}. */
    public static void main(String[] args) throws Exception {
        BackendProvider provider =
                (BackendProvider) Class.forName(args[0]).getConstructor().newInstance();
        Optional<Set<String>> libsBefore = NativeMappings.current();
        Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());

        provider.id();
        provider.description();
        if (provider.availability().available()) {
            for (DeviceInfo device : provider.devices()) {
                provider.implementations(device);
            }
        }
        provider.forkOptions();

        Optional<Set<String>> libsAfter = NativeMappings.current();
        if (libsBefore.isPresent() && libsAfter.isPresent()) {
            System.out.println("native-checked");
            libsAfter.get().stream()
                    .filter(l -> !libsBefore.get().contains(l))
                    .forEach(l -> System.out.println("lib " + l));
        }
        Thread.sleep(100); // a helper thread that is about to end may end
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !threadsBefore.contains(t))
                .map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool.commonPool-worker-") && !n.equals("process reaper"))
                .forEach(n -> System.out.println("thread " + n));
        System.out.println("done");
        System.out.flush();
        System.exit(0);
    }
}
