package org.joulebench.results.record;

/**
 * What produced a record.
 *
 * @param version the harness version (Maven project version)
 * @param gitCommit the full commit hash of the source tree, or {@code null} when not built from git
 * @param gitDirty whether the tree had uncommitted changes ({@code null} when unknown)
 * @param jmhVersion the JMH version used for timing
 */
public record HarnessInfo(String version, String gitCommit, Boolean gitDirty, String jmhVersion) {}
