package org.joulebench.harness.testbackend;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendMetric;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * A backend that lives only on the test class path, found through ServiceLoader like a third-party jar.
 * It implements STREAM triad, optionally wrongly ({@code alpha + 1}), to exercise the verification
 * gate.
 */
public class TriadTestBackendProvider implements BackendProvider {
    private final String id;
    private final boolean wrong;

    public TriadTestBackendProvider() {
        this("test-triad", false);
    }

    protected TriadTestBackendProvider(String id, boolean wrong) {
        this.id = id;
        this.wrong = wrong;
    }

    /** Registered as a second provider: computes the wrong answer on purpose. */
    public static final class Wrong extends TriadTestBackendProvider {
        public Wrong() {
            super("test-wrong", true);
        }
    }

    /** System property that makes {@link Hang} available (only the watchdog test sets it). */
    public static final String HANG_PROPERTY = "joulebench.test.hangBackend";

    /**
     * Registered as a third provider, available only when {@link #HANG_PROPERTY} is {@code true}: verifies, then
     * never returns from its third run, ignoring interrupts, like a kernel stuck in a lost wake-up.
     */
    public static final class Hang extends TriadTestBackendProvider {
        public Hang() {
            super("test-hang", false);
        }

        @Override
        public Availability availability() {
            return Boolean.getBoolean(HANG_PROPERTY)
                    ? Availability.yes("the watchdog test")
                    : Availability.no("a hanging backend, enabled only by the watchdog test");
        }

        /** The fork must see the property too: it checks availability before it prepares. */
        @Override
        public org.joulebench.kernels.spi.ForkOptions forkOptions() {
            return new org.joulebench.kernels.spi.ForkOptions(List.of("-D" + HANG_PROPERTY + "=true"), null);
        }
    }

    /** System property that makes {@link Paced} available (only the multi-fork test sets it). */
    public static final String PACED_PROPERTY = "joulebench.test.pacedBackend";

    /** System property naming a folder where each {@link Paced} fork leaves a mark, so forks can tell their order. */
    public static final String PACED_FORKS_PROPERTY = "joulebench.test.pacedForks";

    /** What one {@link Paced} invocation takes at least: a busy wait, so the true time per invocation is known. */
    public static final long PACED_NANOS = 50_000;

    /**
     * Registered as a fourth provider, available only when {@link #PACED_PROPERTY} is set: each invocation busy-waits
     * {@link #PACED_NANOS} ns (then computes the triad), and its batch target differs between forks — the first fork
     * JVM asks for 10 ms per call, every later one for 1 ms — so forks that chose their own batch sizes would run
     * with n about 200 and 20, the case that was mis-scaled before schema 3.
     */
    public static final class Paced extends TriadTestBackendProvider {
        public Paced() {
            super("test-paced", false);
        }

        @Override
        public Availability availability() {
            return System.getProperty(PACED_PROPERTY) != null
                    ? Availability.yes("the multi-fork test")
                    : Availability.no("a paced backend, enabled only by the multi-fork test");
        }

        /** Two implementations, so their forks alternate: {@code test} and {@code test-slow} (twice the wait). */
        @Override
        protected List<Implementation> implementationsOn() {
            return List.of(
                    new Implementation(
                            "test",
                            ImplementationKind.PORTABLE,
                            "paced triad",
                            Availability.yes("always"),
                            Set.of(new KernelVariant("triad", DType.FP32))),
                    new Implementation(
                            "test-slow",
                            ImplementationKind.VENDOR_LIBRARY,
                            "paced triad, twice the wait",
                            Availability.yes("always"),
                            Set.of(new KernelVariant("triad", DType.FP32))));
        }

        @Override
        public org.joulebench.kernels.spi.ForkOptions forkOptions() {
            return new org.joulebench.kernels.spi.ForkOptions(
                    List.of(
                            "-D" + PACED_PROPERTY + "=true",
                            "-D" + PACED_FORKS_PROPERTY + "=" + System.getProperty(PACED_FORKS_PROPERTY, "")),
                    null);
        }
    }

    /** 10 ms for the first paced fork to prepare, 1 ms for every later one (marks left in the folder). */
    private static long pacedTargetNanos() {
        String dir = System.getProperty(PACED_FORKS_PROPERTY, "");
        if (dir.isEmpty()) {
            return 1_000_000L;
        }
        try {
            java.nio.file.Path mark =
                    java.nio.file.Path.of(dir, "fork-" + ProcessHandle.current().pid());
            boolean first;
            try (var marks = java.nio.file.Files.list(java.nio.file.Path.of(dir))) {
                first = marks.noneMatch(m -> !m.equals(mark));
            }
            java.nio.file.Files.writeString(mark, "");
            return first ? 10_000_000L : 1_000_000L;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "test-only triad backend" + (wrong ? " (deliberately wrong)" : "");
    }

    @Override
    public Availability availability() {
        return Availability.yes("always, in tests");
    }

    private static final DeviceInfo DEVICE =
            new DeviceInfo("t0", "test device", DeviceKind.OTHER, "test:0", null, Map.of());

    protected List<Implementation> implementationsOn() {
        return List.of(new Implementation(
                "test",
                ImplementationKind.PORTABLE,
                "test triad",
                Availability.yes("always"),
                Set.of(new KernelVariant("triad", DType.FP32))));
    }

    @Override
    public List<DeviceInfo> devices() {
        return List.of(DEVICE);
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return implementationsOn();
    }

    /** A fork option, so tests can see that providers' options reach the fork and the record. */
    @Override
    public org.joulebench.kernels.spi.ForkOptions forkOptions() {
        return new org.joulebench.kernels.spi.ForkOptions(List.of("-Djoulebench.test.forkOption=triad"), null);
    }

    @Override
    public Backend create() {
        DeviceInfo device = DEVICE;
        return new Backend() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<DeviceInfo> devices() {
                return List.of(device);
            }

            @Override
            public List<Implementation> implementations(DeviceInfo d) {
                return implementationsOn();
            }

            @Override
            public PreparedKernel prepare(Kernel kernel, KernelInputs inputs, DeviceInfo d, String impl)
                    throws BackendException {
                if (implementationsOn().stream().noneMatch(i -> i.supports(kernel.id(), inputs.dtype()))) {
                    throw new BackendException(id + " implements only triad/fp32");
                }
                float[] b = inputs.tensor("b").f32();
                float[] c = inputs.tensor("c").f32();
                float alpha = (float) inputs.scalar("alpha") + (wrong ? 1f : 0f);
                float[] a = new float[b.length];
                boolean paced = id.equals("test-paced");
                long pace = "test-slow".equals(impl) ? 2 * PACED_NANOS : PACED_NANOS;
                long target = paced ? pacedTargetNanos() : PreparedKernel.DEFAULT_BATCH_TARGET_NANOS;
                return new PreparedKernel() {
                    /** Runs since the last drain: the backend's own count, reported as a backend metric. */
                    private long runs;

                    private long calls;

                    @Override
                    public void run() {
                        if (id.equals("test-hang") && ++calls >= 3) {
                            while (true) { // uninterruptible, like a thread parked on a lost signal
                                java.util.concurrent.locks.LockSupport.park(this);
                            }
                        }
                        runs++;
                        if (paced) {
                            long until = System.nanoTime() + pace;
                            while (System.nanoTime() < until) {
                                Thread.onSpinWait();
                            }
                        }
                        for (int i = 0; i < a.length; i++) {
                            a[i] = b[i] + alpha * c[i];
                        }
                    }

                    @Override
                    public long batchTargetNanos() {
                        return target;
                    }

                    /** Each run counts 1 "run": per invocation that must come out as exactly 1. */
                    @Override
                    public List<BackendMetric> drainMetrics() {
                        long n = runs;
                        runs = 0;
                        return List.of(BackendMetric.total("test-runs", "runs", n, 1, "test backend's counter"));
                    }

                    @Override
                    public List<BackendMetric> preparationMetrics() {
                        return List.of(BackendMetric.once("prepare-time", "ns", 7.0, "test backend's clock"));
                    }

                    @Override
                    public Tensor output() {
                        return new Tensor("a", inputs.outputType(), inputs.outputDims(), a.clone());
                    }
                };
            }
        };
    }
}
