package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserRequirementTest {
    @Test
    void ciServicesRequireTheBrowser() {
        assertThat(BrowserRequirement.of(Map.of("CI", "true"), null).required()).isTrue();
        assertThat(BrowserRequirement.of(Map.of("CI", "1"), null).required()).isTrue();
        assertThat(BrowserRequirement.of(Map.of("CI", "true"), null).reason()).isEqualTo("CI=true");
    }

    @Test
    void withoutCiTheBrowserTestsMaySkip() {
        assertThat(BrowserRequirement.of(Map.of(), null).required()).isFalse();
        assertThat(BrowserRequirement.of(Map.of("CI", "false"), null).required())
                .isFalse();
        assertThat(BrowserRequirement.of(Map.of("CI", "FALSE"), null).required())
                .isFalse();
        assertThat(BrowserRequirement.of(Map.of("CI", "0"), null).required()).isFalse();
        assertThat(BrowserRequirement.of(Map.of("CI", ""), null).required()).isFalse();
    }

    @Test
    void thePropertyOverridesTheEnvironment() {
        assertThat(BrowserRequirement.of(Map.of(), "true").required()).isTrue();
        assertThat(BrowserRequirement.of(Map.of("CI", "true"), "false").required())
                .isFalse();
        assertThat(BrowserRequirement.of(Map.of("CI", "true"), " ").required()).isTrue();
    }
}
