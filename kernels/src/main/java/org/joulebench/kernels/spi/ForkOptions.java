package org.joulebench.kernels.spi;

import java.util.List;

/**
 * What a backend needs in the JVM that runs its kernels (the JMH fork): extra JVM arguments (TornadoVM's
 * {@code @argfile}, module exports, native library paths) and, if it must, another Java executable. The
 * harness appends these to its own flags; the record stores the arguments the fork really ran with.
 *
 * @param jvmArgs appended to the harness's fork flags, in order
 * @param javaExecutable path of the {@code java} binary the fork must use, {@code null} for the harness's
 */
public record ForkOptions(List<String> jvmArgs, String javaExecutable) {
    public static final ForkOptions NONE = new ForkOptions(List.of(), null);

    public ForkOptions {
        jvmArgs = List.copyOf(jvmArgs);
    }
}
