package org.joulebench.backend.tornadovm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.ForkOptions;
import org.joulebench.kernels.spi.Implementation;

/**
 * The TornadoVM backend: our kernels in TornadoVM's Java style on whatever TornadoVM reaches (OpenCL, PTX,
 * SPIR-V). Needs an installed TornadoVM SDK named by {@code TORNADOVM_HOME}; the benchmark fork gets
 * TornadoVM's JVM arguments through its argfile ({@link #forkOptions()}).
 */
public final class TornadoVmProvider implements BackendProvider {
    public static final String ID = "tornadovm";
    static final String HOME_VARIABLE = "TORNADOVM_HOME";
    static final String ARGFILE = "tornado-argfile";

    private final Map<String, String> environment;
    private SdkProbe probe;

    public TornadoVmProvider() {
        this(System.getenv());
    }

    /** With another environment (tests). */
    TornadoVmProvider(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "TornadoVM: joulebench's kernels in TornadoVM's Java style (@Parallel loops) on OpenCL, PTX and"
                + " SPIR-V devices";
    }

    /** Why the SDK cannot be used, or {@code null} when it is installed and has its argfile. */
    String sdkProblem() {
        String home = environment.get(HOME_VARIABLE);
        if (home == null || home.isBlank()) {
            return HOME_VARIABLE + " is not set: install TornadoVM (JDK 25 line) and set " + HOME_VARIABLE
                    + " to the SDK folder";
        }
        Path dir = Path.of(home);
        if (!Files.isDirectory(dir)) {
            return HOME_VARIABLE + "=" + home + " is not a folder";
        }
        if (!Files.isRegularFile(argfile())) {
            return "no " + ARGFILE + " in " + home + ": it holds the JVM arguments TornadoVM needs; is " + HOME_VARIABLE
                    + " an SDK folder (with bin/, share/java/tornado/)?";
        }
        return null;
    }

    Path argfile() {
        return Path.of(environment.getOrDefault(HOME_VARIABLE, ""), ARGFILE);
    }

    @Override
    public synchronized Availability availability() {
        String problem = sdkProblem();
        if (problem != null) {
            return Availability.no(problem);
        }
        SdkProbe p = probe();
        if (p.error() != null) {
            return Availability.no(p.error());
        }
        if (p.rows().isEmpty()) {
            return Availability.no("TornadoVM at " + environment.get(HOME_VARIABLE) + " found no device: is an"
                    + " OpenCL ICD (e.g. pocl-opencl-icd), CUDA driver or Level Zero installed? (check with clinfo)");
        }
        return Availability.yes("TornadoVM at " + environment.get(HOME_VARIABLE) + ", "
                + p.rows().size() + " device(s)");
    }

    private synchronized SdkProbe probe() {
        if (probe == null) {
            probe = SdkProbe.run(argfile());
        }
        return probe;
    }

    @Override
    public List<DeviceInfo> devices() {
        return sdkProblem() == null ? probe().devices() : List.of();
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return TornadoVmImplementation.all(device);
    }

    /** TornadoVM's argfile (module path, exports, JVMCI, native library path); fork asserts off for Graal. */
    @Override
    public ForkOptions forkOptions() {
        if (sdkProblem() != null) {
            return ForkOptions.NONE;
        }
        return new ForkOptions(List.of("@" + argfile()), null);
    }

    @Override
    public Backend create() throws BackendException {
        String problem = sdkProblem();
        if (problem != null) {
            throw new BackendException(problem);
        }
        return new TornadoVmBackend();
    }
}
