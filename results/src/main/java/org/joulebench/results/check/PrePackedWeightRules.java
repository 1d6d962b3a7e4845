package org.joulebench.results.check;

import java.util.Optional;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.RunRecord;

/**
 * Rule {@code catalogue}, for the optional {@code prePackedWeights}: only a kernel's weight inputs ({@link
 * Kernel#weightInputs()}) may be laid out before timing; anything else pre-packed would be an activation
 * prepared outside the timed region.
 */
final class PrePackedWeightRules implements RunRules {
    private final Findings f;
    private final RunRecord run;
    private final KernelCatalogue catalogue = KernelCatalogue.standard();

    PrePackedWeightRules(CheckedRun checked, Findings f) {
        this.f = f;
        this.run = checked.run();
    }

    @Override
    public void apply() {
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            Optional<Kernel> kernel = catalogue.find(r.kernel());
            if (kernel.isEmpty()) {
                continue; // the unknown kernel is reported by CatalogueRules
            }
            for (String name : r.prePackedWeights()) {
                if (!kernel.get().isWeight(name)) {
                    f.reject(
                            Rule.CATALOGUE,
                            "$.results[" + i + "].prePackedWeights",
                            r.key() + " lists '" + name + "' as pre-packed, but " + r.kernel() + "'s weight inputs are "
                                    + kernel.get().weightInputs(),
                            "only weight inputs may be laid out before timing; re-run with an implementation that"
                                    + " reads the activations in each run");
                }
            }
        }
    }
}
