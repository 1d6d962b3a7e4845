package org.joulebench.harness.energy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The model's CPU time counts what the fork's child processes (an external runner) burn, and never goes back. */
@EnabledOnOs(OS.LINUX)
class ProcessTreeCpuTest {

    @Test
    void countsABusyGrandchildAndKeepsItsTimeAfterItEnds() throws Exception {
        ProcessTreeCpu tree = new ProcessTreeCpu(() -> 0); // the JVM's own time left out: only the tree is measured
        long before = tree.getAsLong();
        // a shell that starts a busy loop as its child and waits: the work is a grandchild of this JVM
        Process p = new ProcessBuilder("sh", "-c", "sh -c 'while :; do :; done' & wait").start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long seen = before;
            while (seen - before < 400_000_000L && System.nanoTime() < end) {
                Thread.sleep(100);
                seen = tree.getAsLong();
            }
            assertThat(seen - before).as("CPU ns of the busy grandchild").isGreaterThanOrEqualTo(400_000_000L);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        long atEnd = tree.getAsLong();
        Thread.sleep(200);
        assertThat(tree.getAsLong()).as("after the processes ended").isGreaterThanOrEqualTo(atEnd);
        assertThat(tree.descendantsCpuNanos()).isGreaterThanOrEqualTo(400_000_000L);
    }

    @Test
    void withoutTheJvmsOwnTimeThereIsNoFigure() {
        assertThat(new ProcessTreeCpu(() -> -1).getAsLong()).isEqualTo(-1);
    }
}
