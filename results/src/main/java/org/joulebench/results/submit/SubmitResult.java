package org.joulebench.results.submit;

import java.nio.file.Path;
import java.util.List;

/**
 * What a submit did.
 *
 * @param folder the submission folder ({@code <root>/<submitter-slug>/<system-slug>})
 * @param addedRunIds the runs added by this submit
 * @param keptRunIds runs that were already there and are kept unchanged
 * @param signed whether the manifest is signed
 * @param registeredKey the key file this submit registered (commit it with the submission), else {@code null}
 */
public record SubmitResult(
        Path folder, List<String> addedRunIds, List<String> keptRunIds, boolean signed, Path registeredKey) {
    public SubmitResult {
        addedRunIds = List.copyOf(addedRunIds);
        keptRunIds = List.copyOf(keptRunIds);
    }
}
