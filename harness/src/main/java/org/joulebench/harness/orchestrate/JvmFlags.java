package org.joulebench.harness.orchestrate;

import java.util.List;

/** The flags every benchmark fork runs with, recorded in each result. */
public final class JvmFlags {
    private JvmFlags() {}

    /**
     * The Vector API is an incubator module (CPU backends may use it); FFM native access is used by the
     * NVML sensor and native backends. Fixed heap bounds keep GC behaviour the same from run to run.
     */
    public static final List<String> FORK_FLAGS =
            List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx4g");
}
