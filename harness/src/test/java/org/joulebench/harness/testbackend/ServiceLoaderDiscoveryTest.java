package org.joulebench.harness.testbackend;

import static org.assertj.core.api.Assertions.assertThat;

import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.junit.jupiter.api.Test;

class ServiceLoaderDiscoveryTest {
    @Test
    void aBackendOnTheClassPathIsFoundWithNoCodeChange() {
        assertThat(Backends.providers()).extracting(BackendProvider::id).contains("test-triad", "test-wrong", "cpu");
        assertThat(Backends.find("test-triad"))
                .get()
                .satisfies(p -> assertThat(p.availability().available()).isTrue());
    }
}
