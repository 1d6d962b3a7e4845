package org.joulebench.harness.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The backends joulebench knows whether or not this build holds them: a backend built only in some environments
 * (TornadoVM needs its SDK to compile) is absent from the class path, and so from {@code ServiceLoader}, exactly
 * when a user most needs to hear why and what to do. {@code list} shows these beside the discovered ones, and
 * {@code run --backend} names them instead of calling them unknown.
 */
final class KnownBackends {

    /**
     * A backend this build may lack.
     *
     * @param id the provider's id
     * @param needs what it is built against
     * @param variable the environment variable that names it to the build and the launcher
     */
    record OptionalBackend(String id, String needs, String variable) {}

    static final List<OptionalBackend> OPTIONAL = List.of(new OptionalBackend(
            "tornadovm",
            "a TornadoVM SDK (its JDK 25 line, with the tornado-argfile its installer writes)",
            "TORNADOVM_HOME"));

    private KnownBackends() {}

    /** The known backends missing from {@code built} (the discovered providers' ids), each with why and what to do. */
    static List<String[]> missing(Collection<String> built, Map<String, String> env) {
        List<String[]> out = new ArrayList<>();
        for (OptionalBackend o : OPTIONAL) {
            if (!built.contains(o.id())) {
                out.add(new String[] {o.id(), notBuilt(o, env)});
            }
        }
        return out;
    }

    /** Why a known backend is not in this build, and what to do about it. */
    static String notBuilt(OptionalBackend o, Map<String, String> env) {
        String value = env.get(o.variable());
        if (value == null || value.isBlank()) {
            return "not built: it needs " + o.needs() + "; install one (backends/" + o.id() + "/README.md), set "
                    + o.variable() + " to its folder and run ./joulebench again (the launcher rebuilds with it)";
        }
        return "not in this build although " + o.variable() + "=" + value + ": run ./joulebench again (the launcher"
                + " rebuilds when " + o.variable() + " changed), or ./mvnw -DskipTests package with "
                + o.variable() + " set";
    }

    /** The usage error for a {@code --backend} name that no provider has: a known one says why it is missing. */
    static String unknown(String name, Collection<String> built, Map<String, String> env) {
        for (OptionalBackend o : OPTIONAL) {
            if (o.id().equals(name)) {
                return "--backend: backend '" + name + "' is " + notBuilt(o, env);
            }
        }
        return "--backend: unknown backend '" + name + "'; valid: " + List.copyOf(built);
    }
}
