package org.joulebench.backend.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.energy.spi.BackendEnergySensors;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A runner's own energy reading becomes a sensor the harness reads around its windows (published while the backend
 * is open, withdrawn when it closes), cumulative over the {@code done} replies, with the runner's method bounded:
 * a real runner process (src/test/resources/energy_runner.py) reporting a stand-in counter.
 */
class RunnerEnergyTest {
    private static final Path ENERGY_RUNNER =
            Path.of("src/test/resources/energy_runner.py").toAbsolutePath();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsNumpy() {
        Runners.assumeNumpy();
    }

    @ParameterizedTest
    @CsvSource({
        "COUNTER,        DEVICE, COUNTER,       B,        device, DEVICE",
        "SAMPLED_POWER,  NODE,   SAMPLED_POWER, C,        node,   NODE",
        "EXTERNAL_METER, DEVICE, MODEL,         ESTIMATE, device, DEVICE",
        "whatever,       nowhere, MODEL,        ESTIMATE, host,   HOST",
    })
    void theRunnersReadingIsASensorOfItsOwnWithAtMostItsMethodsTier(
            String declared, String declaredScope, Method method, Tier tier, String domain, Scope scope)
            throws Exception {
        Path descriptor = tmp.resolve("energy.runner.json");
        Files.writeString(descriptor, """
                {"command": ["python3", "%s", "%s", "%s"], "replyTimeoutSeconds": 30}
                """.formatted(ENERGY_RUNNER, declared, declaredScope));
        KernelCatalogue catalogue = KernelCatalogue.standard();
        Kernel triad = catalogue.kernel("triad");
        KernelInputs inputs = triad.inputs(catalogue.shape("triad", Size.S), DType.FP32, 1);
        List<EnergySensor> before = BackendEnergySensors.published();
        ExternalBackend backend = (ExternalBackend) new ExternalBackendProvider(descriptor.toString()).create();
        EnergySensor sensor;
        try (PreparedKernel p = backend.prepare(triad, inputs, backend.devices().getFirst(), "numpy")) {
            assertThat(BackendEnergySensors.published())
                    .as("nothing published before a reading")
                    .isEqualTo(before);
            p.runBatch(3);
            List<EnergySensor> published = BackendEnergySensors.published();
            assertThat(published).hasSize(before.size() + 1);
            sensor = published.getLast();
            double first = sensor.read().joules().get(domain);
            assertThat(first).isPositive();
            p.runBatch(3);
            double second = sensor.read().joules().get(domain);
            assertThat(second).as("cumulative over the replies").isGreaterThan(first);

            SensorInfo info = sensor.info();
            assertThat(info.id()).isEqualTo("runner");
            assertThat(info.method()).isEqualTo(method);
            assertThat(info.tier()).isEqualTo(tier);
            assertThat(info.name()).startsWith("runner energy-test-runner 0.1: stand-in counter");
            assertThat(info.observedUpdateIntervalMillis())
                    .as("no clock of its own: one update per batch")
                    .isNull();
            assertThat(Double.parseDouble(info.properties().get("millisBetweenReadings")))
                    .isPositive();
            assertThat(info.domains()).singleElement().satisfies(d -> {
                assertThat(d.domain()).isEqualTo(domain);
                assertThat(d.scope()).isEqualTo(scope);
                assertThat(d.scopeDevice()).isEqualTo(scope == Scope.DEVICE ? "cpu-socket:0" : null);
            });
            assertThat(info.properties()).containsEntry("declaredMethod", declared);
            assertThat(p.drainMetrics())
                    .as("the reading is no backend metric any more")
                    .noneMatch(m -> m.name().startsWith("runner-energy"));
        } finally {
            backend.close();
        }
        assertThat(BackendEnergySensors.published()).as("withdrawn at close").isEqualTo(before);
    }

    @Test
    void aRunnerWithoutAReadingPublishesNothing() throws Exception {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        Kernel triad = catalogue.kernel("triad");
        KernelInputs inputs = triad.inputs(catalogue.shape("triad", Size.S), DType.FP32, 1);
        List<EnergySensor> before = BackendEnergySensors.published();
        try (var backend = new NumpyRunnerProvider().create();
                PreparedKernel p =
                        backend.prepare(triad, inputs, backend.devices().getFirst(), "numpy")) {
            p.runBatch(2);
            assertThat(BackendEnergySensors.published()).isEqualTo(before);
        }
    }
}
