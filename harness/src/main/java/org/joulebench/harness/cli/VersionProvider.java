package org.joulebench.harness.cli;

import org.joulebench.harness.env.BuildInfo;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        var h = BuildInfo.capture();
        return new String[] {
            "joulebench " + h.version() + " (git " + (h.gitCommit() == null ? "unknown" : h.gitCommit())
                    + (Boolean.TRUE.equals(h.gitDirty()) ? ", dirty" : "") + "), JMH " + h.jmhVersion()
        };
    }
}
