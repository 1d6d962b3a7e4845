package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;

/**
 * The conformance tests every backend runs unchanged. A backend's test names its provider and nothing else:
 *
 * <pre>{@code
 * class CudaConformanceTest extends BackendConformanceKit {
 *     @Override protected BackendProvider provider() { return new CudaBackendProvider(); }
 * }
 * }</pre>
 *
 * <p>Where the provider says it is not available here, every test is skipped with its reason (never passed).
 * Otherwise, on every device and every available implementation the provider lists:
 *
 * <ul>
 *   <li>each supported kernel/dtype on odd shapes (primes, sizes one past vector widths and tiles) and
 *       degenerate ones (dims of 1) matches {@link Kernel#verify the reference} after {@code run()},
 *       {@code runBatch(1)} and {@code runBatch(3)}, with the inputs left unchanged;
 *   <li>the provider is registered, its cheap calls load no native code and leave no threads (checked in a
 *       fresh JVM), and its listing is repeatable and agrees with the opened backend's;
 *   <li>an unknown kernel, a pair the implementation does not list, a dtype the kernel does not define, an
 *       unknown or unavailable implementation and an unknown device are refused with a {@link BackendException}
 *       naming them; so are input tensors smaller than the shape they claim; {@code runBatch(0)} is an
 *       {@link IllegalArgumentException};
 *   <li>a refused prepare leaves the backend usable; a backend closes (twice) after refused prepares; a kernel
 *       closes (twice) after its backend closed, and a closed backend refuses to prepare;
 *   <li>200 prepare/run/close cycles and 10 open/close cycles leak nothing the JVM can see: live threads back
 *       to their count before, heap after a full GC within a bound, device memory back to its value before
 *       where the backend counts it ({@link Backend#allocatedDeviceBytes()}).
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceKit {

    /** The backend under test. Called once per test class. */
    protected abstract BackendProvider provider();

    /** Prepare/run/close cycles of the leak check per device and implementation. */
    protected int prepareCloseCycles() {
        return 200;
    }

    /** Open/close cycles of the backend leak check. */
    protected int openCloseCycles() {
        return 10;
    }

    /** How long closed backends' threads get to exit. */
    protected Duration threadExitDeadline() {
        return Duration.ofSeconds(5);
    }

    private BackendProvider provider;
    private Backend backend;

    @BeforeAll
    final void openTheBackend() throws BackendException {
        provider = provider();
        Availability availability = provider.availability();
        assumeTrue(
                availability.available(),
                () -> "backend " + provider.id() + " is not available here: " + availability.reason());
        backend = provider.create();
    }

    @AfterAll
    final void closeTheBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    @DisplayName("the provider is registered with ServiceLoader under its id")
    final void providerIsRegistered() {
        ProviderChecks.registeredUnderItsId(provider, backend);
    }

    @Test
    @DisplayName("the provider's cheap calls load no native code and leave no threads (fresh JVM)")
    final void cheapCallsLoadNothing() throws Exception {
        ProviderChecks.cheapCallsLoadNothing(provider);
    }

    @Test
    @DisplayName("the provider's listing is repeatable and agrees with the opened backend")
    final void listingMatchesTheBackend() {
        ProviderChecks.listingIsRepeatableAndMatchesTheBackend(provider, backend);
    }

    @Test
    @DisplayName("every device offers an available implementation; every listed pair is a catalogue kernel/dtype")
    final void offersCataloguePairs() {
        ProviderChecks.offersCataloguePairsOnEveryDevice(provider);
    }

    @TestFactory
    @DisplayName("every supported kernel/dtype matches the reference on odd and degenerate shapes")
    final Stream<DynamicNode> matchesTheReference() {
        return targets().stream()
                .map(t -> dynamicContainer(t.label(), t.variants().stream().map(v -> {
                    List<DynamicNode> shapes = new ArrayList<>();
                    for (Shape s : ConformanceShapes.odd(v.kernel())) {
                        shapes.add(shapeTest(t, v, s, "odd"));
                    }
                    for (Shape s : ConformanceShapes.degenerate(v.kernel())) {
                        shapes.add(shapeTest(t, v, s, "degenerate"));
                    }
                    assertThat(shapes).as("shapes for %s", v).isNotEmpty();
                    return dynamicContainer(v.toString(), shapes);
                })));
    }

    private DynamicNode shapeTest(Target t, Target.Variant v, Shape s, String kind) {
        return dynamicTest(
                kind + " " + s.dimsText(),
                () -> CorrectnessChecks.runAndBatchMatchTheReference(backend, t, v.kernel(), v.dtype(), s));
    }

    @TestFactory
    @DisplayName("what is not implemented is refused with a BackendException naming it")
    final Stream<DynamicNode> refusesWhatItDoesNotImplement() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Target t : targets()) {
            Target.Variant first = t.variants().getFirst();
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(dynamicTest(
                    "an unknown kernel " + RenamedKernel.UNKNOWN_ID,
                    () -> RejectionChecks.unknownKernel(backend, t, first)));
            undefinedDtype(first.kernel())
                    .ifPresent(d -> tests.add(dynamicTest(
                            "a dtype the kernel does not define "
                                    + first.kernel().id() + "/" + d.id(),
                            () -> RejectionChecks.undefinedDtype(backend, t, first, d))));
            for (Kernel k : KernelCatalogue.standard().kernels()) {
                for (DType d : k.dtypes()) {
                    if (!t.implementation().supports(k.id(), d)) {
                        tests.add(dynamicTest(
                                "an unlisted pair " + k.id() + "/" + d.id(),
                                () -> RejectionChecks.unsupportedPair(backend, t, k, d)));
                    }
                }
            }
            tests.add(dynamicTest(
                    "an unknown implementation " + RejectionChecks.UNKNOWN_IMPLEMENTATION,
                    () -> RejectionChecks.unknownImplementation(backend, t, first)));
            tests.add(dynamicTest(
                    "an unknown device " + RejectionChecks.UNKNOWN_DEVICE,
                    () -> RejectionChecks.unknownDevice(backend, t, first)));
            for (Target.Variant v : t.variants()) {
                tests.add(dynamicTest(
                        "input tensors smaller than the shape they claim, " + v,
                        () -> assumeTrue(
                                RejectionChecks.tensorsSmallerThanTheShape(backend, t, v),
                                "the odd and degenerate shapes of " + v + " have the same input tensors")));
            }
            tests.add(dynamicTest(
                    "runBatch(0) and runBatch(-1)", () -> RejectionChecks.runBatchOfNothing(backend, t, first)));
            nodes.add(dynamicContainer(t.label(), tests));
        }
        for (DeviceInfo d : provider.devices()) {
            for (Implementation i : provider.implementations(d)) {
                if (!i.availability().available()) {
                    Target t = new Target(d, i);
                    Target.Variant any = anyVariant(i);
                    nodes.add(dynamicTest(
                            t.label() + ": unavailable (" + i.availability().reason() + ")",
                            () -> RejectionChecks.unavailableImplementation(backend, t, any)));
                }
            }
        }
        return nodes.stream();
    }

    @TestFactory
    @DisplayName("failures leave the backend usable and closable")
    final Stream<DynamicNode> survivesFailures() {
        return targets().stream().map(t -> {
            Target.Variant v = t.variants().getFirst();
            return dynamicContainer(
                    t.label(),
                    Stream.of(
                            dynamicTest(
                                    "a refused prepare leaves the backend usable, " + v,
                                    () -> FailureChecks.usableAfterARefusedPrepare(backend, t, v)),
                            dynamicTest(
                                    "close (twice) after refused prepares",
                                    () -> FailureChecks.closesAfterRefusedPrepares(provider, t, v)),
                            dynamicTest(
                                    "a kernel closes (twice) after its backend; a closed backend refuses to prepare",
                                    () -> FailureChecks.kernelClosesAfterItsBackend(provider, t, v))));
        });
    }

    @TestFactory
    @DisplayName("repeated prepare/run/close leaks no threads, heap or device memory")
    final Stream<DynamicNode> prepareCloseLeaksNothing(TestReporter reporter) {
        return targets().stream()
                .map(t -> dynamicTest(
                        t.label() + ": " + prepareCloseCycles() + " cycles of " + t.leakVariant(),
                        () -> LeakChecks.prepareCloseCycles(
                                provider, t, prepareCloseCycles(), threadExitDeadline(), report(reporter, t))));
    }

    @Test
    @DisplayName("repeated open/close of the backend leaks no threads or heap")
    final void openCloseLeaksNothing(TestReporter reporter) throws Exception {
        Target t = targets().getFirst();
        LeakChecks.openCloseCycles(provider, t, openCloseCycles(), threadExitDeadline(), report(reporter, t));
    }

    /** Every available implementation on every device the provider lists; never empty (that fails). */
    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (DeviceInfo d : provider.devices()) {
            for (Implementation i : provider.implementations(d)) {
                Target t = new Target(d, i);
                if (i.availability().available() && !t.variants().isEmpty()) {
                    targets.add(t);
                }
            }
        }
        assertThat(targets)
                .as("available implementations with catalogue kernels on the devices of %s", provider.id())
                .isNotEmpty();
        return targets;
    }

    private static Optional<DType> undefinedDtype(Kernel kernel) {
        return Arrays.stream(DType.values())
                .filter(d -> !kernel.dtypes().contains(d))
                .findFirst();
    }

    private static Target.Variant anyVariant(Implementation i) {
        List<Target.Variant> listed = Target.variantsOf(i);
        if (!listed.isEmpty()) {
            return listed.getFirst();
        }
        Kernel triad = KernelCatalogue.standard().kernel("triad");
        return new Target.Variant(triad, DType.FP32);
    }

    private static BiConsumer<String, Long> report(TestReporter reporter, Target t) {
        return (key, value) -> reporter.publishEntry(Map.of(t.label() + " " + key, Long.toString(value)));
    }
}
