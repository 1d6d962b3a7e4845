package org.joulebench.backend.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the conformance kit on one backend without Maven: {@code KitMain <backend id>}. Prints one line per test
 * (PASS, FAIL with the reason, SKIP with the reason) and a summary; exits 0 when every test passed, 1 when any
 * failed, 2 when nothing ran (the backend is not available here: every test skipped with its reason).
 */
public final class KitMain {
    private KitMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: KitMain <backend id>   (e.g. cuda, cpu)");
            System.exit(64);
        }
        System.setProperty(ServiceLoaderKit.PROPERTY, args[0]);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ServiceLoaderKit.class))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener lines = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier t, String reason) {
                System.out.println("SKIP " + t.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier t, TestExecutionResult r) {
                if (!t.isTest() && r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    return;
                }
                String why = r.getThrowable()
                        .map(e -> ": " + e.toString().lines().findFirst().orElse(""))
                        .orElse("");
                System.out.println((r.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "PASS " : "FAIL ")
                        + t.getDisplayName()
                        + why);
            }
        };
        LauncherFactory.create().execute(request, summary, lines);
        TestExecutionSummary s = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printFailuresTo(out, 20);
        out.printf(
                "conformance kit on %s: %d passed, %d failed, %d skipped, %d aborted%n",
                args[0],
                s.getTestsSucceededCount(),
                s.getTotalFailureCount(),
                s.getTestsSkippedCount(),
                s.getTestsAbortedCount());
        out.flush();
        System.exit(s.getTotalFailureCount() > 0 ? 1 : s.getTestsSucceededCount() == 0 ? 2 : 0);
    }
}
