package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rules as a type: SCHEMAS.md lists exactly the enum's ids, and each record rule has its home. */
class RuleTest {

    /** The rules the checker itself and NameRules decide: about the tree, not about one record. */
    private static final Set<Rule> TREE_RULES = EnumSet.of(
            Rule.LAYOUT, Rule.SCHEMA, Rule.MANIFEST, Rule.SIGNATURE, Rule.DUPLICATE, Rule.NAMES, Rule.DECLARATION);

    @Test
    void schemasMdListsExactlyTheRulesOfTheEnum() throws Exception {
        String md = Files.readString(Path.of("SCHEMAS.md"));
        String section = md.substring(md.indexOf("## Checker rules"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Matcher m =
                Pattern.compile("(?m)^\\| `([a-z-]+)` \\| (REJECT|WARN) \\|").matcher(section);
        Set<String> listed = new LinkedHashSet<>();
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed)
                .as("rule ids in SCHEMAS.md's checker table")
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Rule.values()).map(Rule::id).toList());
    }

    @Test
    void everyRecordRuleHasAHomeAndConsistencyExactlyOne() {
        Map<Rule, List<String>> homes = new EnumMap<>(Rule.class);
        for (RunRules.Factory f : StandardRunRules.ALL) {
            String name = f.type().getSimpleName();
            f.rules()
                    .forEach(r ->
                            homes.computeIfAbsent(r, k -> new ArrayList<>()).add(name));
        }
        for (Rule r : Rule.values()) {
            if (TREE_RULES.contains(r)) {
                assertThat(homes).as("a tree rule is the checker's").doesNotContainKey(r);
            } else {
                assertThat(homes).as("the class deciding " + r).containsKey(r);
            }
        }
        assertThat(homes.get(Rule.CONSISTENCY)).containsExactly("ConsistencyRules");
        assertThat(homes.get(Rule.PHYSICS)).containsExactly("PhysicsRules");
    }

    @Test
    void aClassCannotReportARuleItDoesNotDeclare() {
        List<Problem> out = new ArrayList<>();
        Findings f = new Findings(Path.of("runs/r.json"), out, EnumSet.of(Rule.CATALOGUE));
        f.reject(Rule.CATALOGUE, "$.kernel", "unknown kernel", "use a catalogue kernel");
        assertThat(out).extracting(Problem::ruleId).containsExactly("catalogue");
        assertThatThrownBy(() -> f.warn(Rule.CONSISTENCY, "$", "m", "fix"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consistency");
    }

    @Test
    void idsReadBack() {
        for (Rule r : Rule.values()) {
            assertThat(Rule.ofId(r.id())).isSameAs(r);
            assertThat(r.description()).isNotBlank();
            assertThat(r.reason()).isNotBlank();
        }
        assertThatThrownBy(() -> Rule.ofId("consistancy")).hasMessageContaining("valid: [layout");
    }
}
