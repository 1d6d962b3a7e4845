package org.joulebench.harness.orchestrate;

import java.nio.file.Path;
import org.joulebench.harness.fork.ForkOutcome;
import org.openjdk.jmh.results.RunResult;

/**
 * One fork of a case, run as its own one-fork JMH call: what JMH brought back and what the fork reported.
 *
 * @param fork 1-based, in the order the case's forks ran
 * @param run JMH's result of the call (one fork)
 * @param outcome the fork's own report (verification, its batch size and where that came from, JVM arguments)
 * @param log the call's JMH log
 */
public record ForkRun(int fork, RunResult run, ForkOutcome outcome, Path log) {}
