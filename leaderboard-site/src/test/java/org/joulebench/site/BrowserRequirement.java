package org.joulebench.site;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether the browser tests must run (fail when Chromium is absent) or may skip. They must in CI: the
 * environment variable {@code CI} set to anything but empty, {@code false} or {@code 0} (CI services set
 * {@code CI=true}; {@code .ci/run} does too), or the system property {@code joulebench.requireBrowser=true}.
 */
record BrowserRequirement(boolean required, String reason) {
    static final String PROPERTY = "joulebench.requireBrowser";

    static BrowserRequirement fromEnvironment() {
        return of(System.getenv(), System.getProperty(PROPERTY));
    }

    static BrowserRequirement of(Map<String, String> env, String property) {
        if (property != null && !property.isBlank()) {
            boolean required = Boolean.parseBoolean(property.strip());
            return new BrowserRequirement(required, "-D" + PROPERTY + "=" + property.strip());
        }
        String ci = env.get("CI");
        boolean inCi =
                ci != null && !Set.of("", "false", "0").contains(ci.strip().toLowerCase(Locale.ROOT));
        return new BrowserRequirement(inCi, inCi ? "CI=" + ci : "not in CI");
    }
}
