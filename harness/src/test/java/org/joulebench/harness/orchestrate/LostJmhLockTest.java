package org.joulebench.harness.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/**
 * A fork whose JMH call lost the lock to another JMH run (between {@link JmhLock#awaitFree} and JMH's own attempt) is
 * retried, not failed: the message is JMH 1.37's own, as it ended a result of a README run on a shared machine
 * (2026-12-06: "rmsnorm ... ERROR ... RunnerException: ERROR: Another JMH instance might be running. Unable to
 * acquire the JMH lock (/tmp/jmh.lock), exiting."); any other failure is not retried.
 */
class LostJmhLockTest {
    @Test
    void onlyJmhsLockRefusalCountsAsALostLockWhereverItIsInTheChain() {
        var refused = new RunnerException("ERROR: Another JMH instance might be running. Unable to acquire the JMH"
                + " lock (/tmp/jmh.lock), exiting. Use -Djmh.ignoreLock=true to forcefully continue.");
        assertThat(ForkResults.lostJmhLock(refused)).isTrue();
        assertThat(ForkResults.lostJmhLock(new RuntimeException("fork failed", refused)))
                .isTrue();
        assertThat(ForkResults.lostJmhLock(new RunnerException("Benchmark caught the exception")))
                .isFalse();
        assertThat(ForkResults.lostJmhLock(new IllegalStateException((String) null)))
                .isFalse();
    }
}
