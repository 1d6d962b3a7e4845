package org.joulebench.results.check;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.record.Sweep;

/**
 * Rule {@code sweep}: a size sweep is its own, unranked kind of record. Shapes outside the catalogue are accepted
 * only inside a record that says it is a sweep ({@link Sweep}), and only bounded: a catalogue kernel and dtype, 2 to
 * {@value Sweep#MAX_POINTS} points whose dims the series gives (recomputed here), each point's working set at most
 * {@link #MAX_WORKING_SET_BYTES}, and every result that kernel and dtype on the sweep's backend device at one of the
 * series' points, once per implementation. Rule {@code catalogue} then holds each point's work counts to the
 * kernel's formulas on its dims; the site ranks no result of a sweep.
 */
final class SweepRules implements RunRules {
    /** Largest working set (bytes read + written per invocation) a sweep point may have: beyond any one device. */
    static final long MAX_WORKING_SET_BYTES = 64L << 30;

    private final RunRecord run;
    private final Findings f;
    private final KernelCatalogue catalogue = KernelCatalogue.standard();

    SweepRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.f = f;
    }

    @Override
    public void apply() {
        Sweep s = run.sweep();
        if (s == null) {
            return; // not a sweep: a shape outside the catalogue is rule catalogue's rejection
        }
        Optional<Kernel> kernel = catalogue.find(s.kernel()).filter(Kernel::ranked);
        if (kernel.isEmpty()) {
            reject("$.sweep.kernel", "the sweep's kernel '" + s.kernel() + "' is not a catalogue kernel with work");
            return;
        }
        DType dtype;
        try {
            dtype = DType.parse(s.dtype());
        } catch (IllegalArgumentException e) {
            reject("$.sweep.dtype", "the sweep's dtype: " + e.getMessage());
            return;
        }
        if (!kernel.get().dtypes().contains(dtype)) {
            reject("$.sweep.dtype", "dtype " + s.dtype() + " is not defined for kernel " + s.kernel());
            return;
        }
        String problem = s.problem();
        if (problem != null) {
            reject("$.sweep", problem);
            return;
        }
        List<Map<String, Integer>> series = s.shapes();
        for (int i = 0; i < series.size(); i++) {
            String bad = pointProblem(kernel.get(), dtype, series.get(i));
            if (bad != null) {
                reject("$.sweep", "point " + (i + 1) + " of the series, " + series.get(i) + ": " + bad);
                return;
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            String path = "$.results[" + i + "]";
            if (r.nullWorkload()) {
                continue;
            }
            if (!s.kernel().equals(r.kernel()) || !s.dtype().equals(r.dtype())) {
                reject(path + ".kernel", r.key() + " is not the sweep's " + s.kernel() + " " + s.dtype());
            } else if (!s.backend().equals(r.backend()) || !s.device().equals(r.device())) {
                reject(path + ".device", r.key() + " did not run on the sweep's " + s.backend() + ":" + s.device());
            } else if (!r.customShape() || !series.contains(r.dims())) {
                reject(
                        path + ".dims",
                        r.key() + ": dims " + r.dims() + " are not a point of the sweep's series " + series);
            } else if (!seen.add(r.implementation().id() + "/" + r.dims())) {
                reject(path + ".dims", r.key() + ": the point " + r.dims() + " appears twice");
            }
        }
    }

    /** Why the series' point cannot be a shape of the kernel, or is beyond the working-set bound; else null. */
    private static String pointProblem(Kernel kernel, DType dtype, Map<String, Integer> dims) {
        WorkCounts w;
        try {
            Shape shape = Shape.of(kernel.id()).withDims(dims);
            kernel.validate(shape);
            w = kernel.work(shape, dtype);
        } catch (RuntimeException e) {
            return "not a shape of " + kernel.id() + ": " + e.getMessage();
        }
        if (w.bytesMoved() < 0 || w.bytesMoved() > MAX_WORKING_SET_BYTES || w.operations() < 0) {
            return "a working set of " + w.bytesMoved() + " bytes is outside 0 to " + MAX_WORKING_SET_BYTES;
        }
        return null;
    }

    private void reject(String field, String message) {
        f.reject(Rule.SWEEP, field, message, "a sweep record is what `joulebench sweep` wrote; do not edit it by hand");
    }
}
