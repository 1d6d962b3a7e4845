package org.joulebench.backend.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a kit subclass with the JUnit launcher and keeps each test's and container's outcome. */
final class KitRun implements TestExecutionListener {

    /** One finished (or skipped) node: its display-name path, whether a test, status and message. */
    record Outcome(String path, boolean test, String status, String message) {
        @Override
        public String toString() {
            return status + " " + path
                    + (message.isEmpty()
                            ? ""
                            : ": " + message.lines().findFirst().orElse(""));
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private TestPlan plan;

    static KitRun of(Class<? extends BackendConformanceKit> kit) {
        KitRun run = new KitRun();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(kit))
                                .build(),
                        run);
        return run;
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    List<Outcome> tests(String status) {
        return outcomes.stream()
                .filter(o -> o.test() && o.status().equals(status))
                .toList();
    }

    /** Failed tests and failed containers (a factory that threw). */
    List<Outcome> failures() {
        return outcomes.stream().filter(o -> o.status().equals("FAILED")).toList();
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        outcomes.add(new Outcome(path(id), id.isTest(), "SKIPPED", reason));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String message =
                result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
        outcomes.add(new Outcome(path(id), id.isTest(), result.getStatus().name(), message));
    }

    private String path(TestIdentifier id) {
        List<String> names = new ArrayList<>();
        Optional<TestIdentifier> node = Optional.of(id);
        while (node.isPresent() && node.get().getParentId().isPresent()) {
            names.addFirst(node.get().getDisplayName());
            node = plan.getParent(node.get());
        }
        return String.join(" > ", names);
    }
}
