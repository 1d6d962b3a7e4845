package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.names.LookAlikes;
import org.joulebench.results.submission.KeyRegistry;

/**
 * Rules across folders about names (rule {@code names}): one submitter folder carries one submitter name;
 * two submitters whose names only look alike ({@link LookAlikes#skeleton}: case, accents, invisible
 * characters, letters of another script) are refused — except a submitter with a registered key, whose
 * name stays its own; and two systems of one submitter must not look alike either. Invisible characters
 * and mixed scripts in one name are refused by the schema step already ({@code DisplayNames.displayNameProblem}).
 */
final class NameRules {

    /** One system.json's names. */
    record Use(Path folder, Path systemFile, String submitterSlug, String submitter, String systemName) {}

    private final List<Use> uses;
    private final KeyRegistry keys;
    private final List<Problem> out;

    NameRules(List<Use> uses, KeyRegistry keys, List<Problem> out) {
        this.uses = uses;
        this.keys = keys;
        this.out = out;
    }

    private void reject(Use u, String field, String message, String fix) {
        out.add(new Problem(Severity.REJECT, Rule.NAMES, u.systemFile(), field, message, fix));
    }

    void apply() {
        Map<String, List<Use>> bySlug = new LinkedHashMap<>();
        for (Use u : uses) {
            bySlug.computeIfAbsent(u.submitterSlug(), k -> new ArrayList<>()).add(u);
        }
        for (List<Use> group : bySlug.values()) {
            oneNamePerSubmitter(group);
            systemsDoNotLookAlike(group);
        }
        submittersDoNotLookAlike(bySlug);
        oneKeyOneSubmitter(bySlug);
    }

    /** One public key speaks for one submitter: a key registered under two slugs proves neither. */
    private void oneKeyOneSubmitter(Map<String, List<Use>> bySlug) {
        Map<String, List<String>> slugsByKey = new LinkedHashMap<>();
        for (String slug : bySlug.keySet()) {
            if (keys.has(slug)) {
                String encoded =
                        java.util.HexFormat.of().formatHex(keys.keys().get(slug).getEncoded());
                slugsByKey.computeIfAbsent(encoded, k -> new ArrayList<>()).add(slug);
            }
        }
        for (List<String> slugs : slugsByKey.values()) {
            if (slugs.size() < 2) {
                continue;
            }
            for (String slug : slugs) {
                for (Use u : bySlug.get(slug)) {
                    out.add(new Problem(
                            Severity.REJECT,
                            Rule.SIGNATURE,
                            u.systemFile(),
                            "$.submitter",
                            "the key registered for " + slug + " is also registered for "
                                    + slugs.stream()
                                            .filter(x -> !x.equals(slug))
                                            .toList() + ": one key, one submitter",
                            null));
                }
            }
        }
    }

    private void oneNamePerSubmitter(List<Use> group) {
        Use first = group.getFirst();
        for (Use u : group.subList(1, group.size())) {
            if (!u.submitter().equals(first.submitter())) {
                reject(
                        u,
                        "$.submitter",
                        "the submitter is named '" + u.submitter() + "' here but '" + first.submitter() + "' in "
                                + first.systemFile() + "; one submitter folder carries one name",
                        "write the submitter name exactly as '" + first.submitter() + "'");
            }
        }
    }

    private void systemsDoNotLookAlike(List<Use> group) {
        Map<String, Use> seen = new LinkedHashMap<>();
        for (Use u : group) {
            Use other = seen.putIfAbsent(LookAlikes.skeleton(u.systemName()), u);
            if (other != null && !other.systemName().equals(u.systemName())) {
                reject(
                        u,
                        "$.systemName",
                        "the system name '" + u.systemName() + "' looks like '" + other.systemName() + "' ("
                                + other.folder() + "), another system of this submitter",
                        "give this system a name that cannot be mistaken for '" + other.systemName() + "'");
            }
        }
    }

    private void submittersDoNotLookAlike(Map<String, List<Use>> bySlug) {
        Map<String, List<String>> slugsBySkeleton = new LinkedHashMap<>();
        for (Map.Entry<String, List<Use>> e : bySlug.entrySet()) {
            String skeleton = LookAlikes.skeleton(e.getValue().getFirst().submitter());
            slugsBySkeleton.computeIfAbsent(skeleton, k -> new ArrayList<>()).add(e.getKey());
        }
        for (List<String> slugs : slugsBySkeleton.values()) {
            if (slugs.size() < 2) {
                continue;
            }
            List<String> withKey = slugs.stream().filter(keys::has).toList();
            for (String slug : slugs) {
                if (withKey.size() == 1 && withKey.contains(slug)) {
                    // a key proves the continuity of one submitter: the one key holder among look-alikes keeps its
                    // name; a look-alike's own key proves nothing about the right to a look-alike name, and where
                    // several look-alikes hold keys none is kept (check cannot tell which came first)
                    continue;
                }
                String otherSlug = withKey.size() != 1
                        ? slugs.stream()
                                .filter(s -> !s.equals(slug))
                                .findFirst()
                                .orElseThrow()
                        : withKey.getFirst();
                Use other = bySlug.get(otherSlug).getFirst();
                String fix = withKey.size() != 1
                        ? "choose a submitter name that cannot be mistaken for '" + other.submitter()
                                + "' (if both folders are yours, use one name)"
                        : "if you are '" + other.submitter() + "', submit under exactly that name, signed with its"
                                + " registered key; otherwise choose a name that cannot be mistaken for it";
                for (Use u : bySlug.get(slug)) {
                    reject(
                            u,
                            "$.submitter",
                            "the submitter name '" + u.submitter() + "' looks like '" + other.submitter() + "' ("
                                    + other.folder().getParent() + "): names that differ only in case, accents,"
                                    + " invisible characters or look-alike letters are refused",
                            fix);
                }
            }
        }
    }
}
