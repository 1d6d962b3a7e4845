package org.joulebench.backend.external;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.ForkOptions;
import org.joulebench.kernels.spi.Implementation;

/**
 * The {@code external} backend: any chip whose runtime a runner process drives over the runner protocol
 * (PROTOCOL.md). The runner is named by {@code --runner 'CMD ARGS'} or a runner descriptor file (the {@value
 * RunnerSpec#PROPERTY} system property, else the {@value RunnerSpec#ENVIRONMENT_VARIABLE} environment variable);
 * without one the backend is unavailable and says how to name one.
 *
 * <p>The cheap calls learn the runner's devices and implementations from its {@code hello}: the runner is started,
 * greeted and closed once per JVM (its answer is kept), which maps no native code into this JVM. {@link
 * #create()} starts the runner the benchmark fork talks to.
 */
public class ExternalBackendProvider implements BackendProvider {
    public static final String ID = "external";

    /** A runner's hello (or why there is none), once per JVM and runner. */
    private static final Map<String, Object> HELLOS = new ConcurrentHashMap<>();

    private final String runnerText;

    /** The runner the user configured, if any (what ServiceLoader makes). */
    public ExternalBackendProvider() {
        this(RunnerSpec.configuredText().orElse(null));
    }

    /** A given runner: a command line or a descriptor path; {@code null} for none. */
    protected ExternalBackendProvider(String runnerText) {
        this.runnerText = runnerText;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Any chip with a runtime, through a runner process (--runner 'CMD ARGS' or a descriptor;"
                + " backends/external/PROTOCOL.md)";
    }

    @Override
    public Availability availability() {
        if (runnerText == null) {
            return Availability.no("no runner: give --runner 'CMD ARGS' (e.g. --runner 'python3"
                    + " backends/external/runners/numpy_runner.py') or a runner descriptor file, or set "
                    + RunnerSpec.ENVIRONMENT_VARIABLE);
        }
        Object h = hello();
        if (h instanceof String reason) {
            return Availability.no(reason);
        }
        RunnerProtocol.Hello hello = (RunnerProtocol.Hello) h;
        return Availability.yes("runner " + hello.label() + " on "
                + hello.devices().stream().map(d -> d.info().id()).toList());
    }

    @Override
    public List<DeviceInfo> devices() {
        return hello() instanceof RunnerProtocol.Hello h
                ? h.devices().stream().map(RunnerProtocol.RunnerDevice::info).toList()
                : List.of();
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        if (hello() instanceof RunnerProtocol.Hello h) {
            return h.device(device.id())
                    .map(RunnerProtocol.RunnerDevice::implementations)
                    .orElse(List.of());
        }
        return List.of();
    }

    /** The fork learns the runner from the same property the parent read it from. */
    @Override
    public ForkOptions forkOptions() {
        if (runnerText == null) {
            return ForkOptions.NONE;
        }
        List<String> args = new ArrayList<>();
        try {
            args.add("-D" + RunnerSpec.PROPERTY + "="
                    + RunnerSpec.parse(runnerText).forkText());
        } catch (IllegalArgumentException e) {
            return ForkOptions.NONE;
        }
        String timeout = System.getProperty(RunnerSpec.TIMEOUT_PROPERTY);
        if (timeout != null) {
            args.add("-D" + RunnerSpec.TIMEOUT_PROPERTY + "=" + timeout);
        }
        return new ForkOptions(args, null);
    }

    @Override
    public Backend create() throws BackendException {
        if (runnerText == null) {
            throw new BackendException("external backend: " + availability().reason());
        }
        if (hello() instanceof String reason) {
            throw new BackendException("external backend: " + reason);
        }
        return new ExternalBackend(spec(), (RunnerProtocol.Hello) hello());
    }

    private RunnerSpec spec() throws BackendException {
        try {
            return RunnerSpec.parse(runnerText);
        } catch (IllegalArgumentException e) {
            throw new BackendException(e.getMessage());
        }
    }

    /** The runner's hello, or the one-line reason there is none; asked once per JVM and runner. */
    private Object hello() {
        return HELLOS.computeIfAbsent(runnerText, text -> {
            RunnerSpec spec;
            try {
                spec = RunnerSpec.parse(text);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            try (RunnerProcess p = RunnerProcess.start(spec)) {
                return RunnerProtocol.hello(p);
            } catch (RunnerProcess.RunnerFailure e) {
                return e.getMessage();
            }
        });
    }
}
