package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;

/** The provider's cheap listing: registered, repeatable, what the opened backend says, and catalogue pairs only. */
final class ProviderChecks {
    private ProviderChecks() {}

    static void registeredUnderItsId(BackendProvider provider, Backend backend) {
        assertThat(provider.id()).as("provider id").matches("[a-z0-9][a-z0-9-]*");
        assertThat(provider.description()).as("provider description").isNotBlank();
        assertThat(backend.id()).as("the opened backend's id").isEqualTo(provider.id());
        assertThat(Backends.providers())
                .as("providers found by ServiceLoader (META-INF/services/%s)", BackendProvider.class.getName())
                .anySatisfy(p -> {
                    assertThat(p.id()).isEqualTo(provider.id());
                    assertThat(p.getClass()).isEqualTo(provider.getClass());
                });
    }

    static void cheapCallsLoadNothing(BackendProvider provider) throws Exception {
        CheapCallsProbe.Findings f = CheapCallsProbe.inFreshJvm(provider.getClass());
        assertThat(f.newSharedObjects())
                .as("shared objects the cheap provider calls mapped (native code belongs in create())")
                .isEmpty();
        assertThat(f.threadsLeftRunning())
                .as("threads the cheap provider calls left running")
                .isEmpty();
    }

    static void listingIsRepeatableAndMatchesTheBackend(BackendProvider provider, Backend backend) {
        List<DeviceInfo> listed = provider.devices();
        assertThat(provider.devices()).as("provider.devices() asked twice").isEqualTo(listed);
        assertThat(listed).extracting(DeviceInfo::id).as("device ids").doesNotHaveDuplicates();
        assertThat(backend.devices())
                .extracting(DeviceInfo::id)
                .as("the opened backend's device ids, against the provider's")
                .containsExactlyElementsOf(listed.stream().map(DeviceInfo::id).toList());
        for (DeviceInfo d : listed) {
            DeviceInfo opened = Devices.opened(backend, d);
            assertThat(d.hardwareId()).as("%s hardware id", d.id()).isNotBlank();
            assertThat(opened.hardwareId()).as("%s hardware id, opened", d.id()).isEqualTo(d.hardwareId());
            assertThat(opened.kind()).as("%s kind, opened", d.id()).isEqualTo(d.kind());
            List<Implementation> impls = provider.implementations(d);
            assertThat(provider.implementations(d))
                    .as("%s: provider.implementations() asked twice", d.id())
                    .isEqualTo(impls);
            assertThat(impls)
                    .extracting(Implementation::id)
                    .as("%s implementation ids", d.id())
                    .doesNotHaveDuplicates();
            assertThat(summary(backend.implementations(opened)))
                    .as("%s: the opened backend's implementations (id, kind, available, supported)", d.id())
                    .isEqualTo(summary(impls));
        }
    }

    static void offersCataloguePairsOnEveryDevice(BackendProvider provider) {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        List<DeviceInfo> devices = provider.devices();
        assertThat(devices).as("devices of an available backend").isNotEmpty();
        for (DeviceInfo d : devices) {
            List<Implementation> impls = provider.implementations(d);
            assertThat(impls)
                    .as("%s: implementations that are available and support something", d.id())
                    .anyMatch(
                            i -> i.availability().available() && !i.supported().isEmpty());
            for (Implementation i : impls) {
                for (KernelVariant v : i.supported()) {
                    assertThat(catalogue.find(v.kernelId()))
                            .as("%s / %s claims %s: a catalogue kernel (valid: %s)", d.id(), i.id(), v, catalogue.ids())
                            .isPresent();
                    assertThat(catalogue.kernel(v.kernelId()).dtypes())
                            .as("%s / %s claims %s: a dtype the kernel defines", d.id(), i.id(), v)
                            .contains(v.dtype());
                }
            }
        }
    }

    private record Summary(String kind, boolean available, List<String> supported) {}

    private static Map<String, Summary> summary(List<Implementation> impls) {
        return impls.stream()
                .collect(Collectors.toMap(
                        Implementation::id,
                        i -> new Summary(i.kind().name(), i.availability().available(), i.supportedText()),
                        (a, b) -> a,
                        java.util.TreeMap::new));
    }
}
