package org.joulebench.results.check;

import java.util.Locale;
import java.util.Optional;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.Verification;
import org.joulebench.results.record.Work;

/**
 * A result against the kernel catalogue (rule {@code catalogue}): a known kernel, a dtype and size it
 * defines, the catalogue's shape label and dims for that size, work counts equal to the kernel's formulas
 * evaluated on the recorded dims, the catalogue's verification tolerances, and a "passed" verification whose
 * recorded error is within them.
 */
final class CatalogueRules extends PerResultRules {
    /**
     * Slack on the verification error bound, relative. An element passes when {@code |a-r| <= rel*|r| +
     * abs*rms}; dividing by {@code max(|r|, rms)} bounds the recorded relative error by {@code rel + abs}
     * exactly, so only rounding of the printed figures needs room.
     */
    static final double ERROR_BOUND_SLACK = 1e-9;

    private final KernelCatalogue catalogue = KernelCatalogue.standard();
    private final boolean sweep;

    CatalogueRules(CheckedRun run, Findings f) {
        super(run, f);
        this.sweep = run.run().sweep() != null;
    }

    @Override
    void result(String path, BenchmarkResult r) {
        Optional<Kernel> found = catalogue.find(r.kernel());
        if (found.isEmpty()) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".kernel",
                    "unknown kernel '" + r.kernel() + "'; the catalogue has " + catalogue.ids(),
                    "submit results of catalogue kernels (./joulebench list); a new kernel enters the catalogue first");
            return;
        }
        Kernel kernel = found.get();
        if (sweep && r.customShape()) {
            // a size sweep's point: its own dims (rule sweep bounds them to the series), the kernel's formulas
            sweepPoint(path, r, kernel);
            return;
        }
        DType dtype;
        Size size;
        try {
            dtype = DType.parse(r.dtype());
            size = Size.parse(r.size());
        } catch (IllegalArgumentException e) {
            f.reject(Rule.CATALOGUE, path, r.key() + ": " + e.getMessage(), "use the catalogue's dtypes and sizes");
            return;
        }
        if (!kernel.dtypes().contains(dtype)) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".dtype",
                    "dtype " + r.dtype() + " is not defined for kernel " + r.kernel() + " (its dtypes: "
                            + kernel.dtypes().stream().map(DType::id).sorted().toList() + ")",
                    "run a dtype the kernel defines");
            return;
        }
        Shape shape = catalogue.shape(kernel.id(), size);
        if (!shape.label().equals(r.shapeLabel())) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".shapeLabel",
                    r.key() + ": shape label '" + r.shapeLabel() + "' is not the catalogue's '" + shape.label()
                            + "' for size " + size,
                    "the shape of a size is the catalogue's; do not edit a record by hand");
        }
        if (!shape.dims().equals(r.dims())) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".dims",
                    r.key() + ": dims " + r.dims() + " are not the catalogue's " + shape.dims() + " for size " + size,
                    "the shape of a size is the catalogue's; do not edit a record by hand");
        }
        work(path, r, kernel, dtype, size);
        tolerance(path, r, kernel.tolerance(dtype));
    }

    /**
     * A custom shape inside a size sweep (rule {@code sweep} holds it to the series): a dtype the kernel defines,
     * the dims as its label, work counts the kernel's formulas on those dims, the catalogue's tolerances.
     */
    private void sweepPoint(String path, BenchmarkResult r, Kernel kernel) {
        DType dtype;
        try {
            dtype = DType.parse(r.dtype());
        } catch (IllegalArgumentException e) {
            f.reject(Rule.CATALOGUE, path + ".dtype", r.key() + ": " + e.getMessage(), "use the catalogue's dtypes");
            return;
        }
        if (!kernel.dtypes().contains(dtype)) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".dtype",
                    "dtype " + r.dtype() + " is not defined for kernel " + r.kernel(),
                    "run a dtype the kernel defines");
            return;
        }
        // the harness labels a custom shape by its dims in the kernel's order (the record's map is key-sorted)
        String dimsText = kernel.dimensionNames().stream()
                .map(n -> n + "=" + r.dims().get(n))
                .collect(java.util.stream.Collectors.joining(","));
        if (!dimsText.equals(r.shapeLabel())) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".shapeLabel",
                    r.key() + ": a custom shape's label is its dims '" + dimsText + "', not '" + r.shapeLabel() + "'",
                    "do not edit a record by hand");
        }
        work(path, r, kernel, dtype, Size.S);
        tolerance(path, r, kernel.tolerance(dtype));
    }

    private void work(String path, BenchmarkResult r, Kernel kernel, DType dtype, Size size) {
        WorkCounts expected;
        try {
            Shape recorded = new Shape(kernel.id(), size, r.shapeLabel(), r.dims());
            kernel.validate(recorded);
            expected = kernel.work(recorded, dtype);
        } catch (RuntimeException e) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".dims",
                    r.key() + ": the recorded dims do not fit the kernel: " + e.getMessage(),
                    "the shape of a size is the catalogue's; do not edit a record by hand");
            return;
        }
        Work w = r.work();
        WorkFormulas formulas = kernel.formulas(dtype);
        count(path + ".work.operations", r, "operations", w.operations(), expected.operations(), formulas.operations());
        count(path + ".work.bytesRead", r, "bytes read", w.bytesRead(), expected.bytesRead(), formulas.bytesRead());
        count(
                path + ".work.bytesWritten",
                r,
                "bytes written",
                w.bytesWritten(),
                expected.bytesWritten(),
                formulas.bytesWritten());
        text(
                path + ".work.operationUnit",
                r,
                "operation unit",
                w.operationUnit(),
                expected.operationUnit().name());
        text(
                path + ".work.headline",
                r,
                "headline unit",
                w.headline(),
                expected.headline().name());
        text(path + ".work.operationsFormula", r, "operations formula", w.operationsFormula(), formulas.operations());
        text(path + ".work.bytesReadFormula", r, "bytes-read formula", w.bytesReadFormula(), formulas.bytesRead());
        text(
                path + ".work.bytesWrittenFormula",
                r,
                "bytes-written formula",
                w.bytesWrittenFormula(),
                formulas.bytesWritten());
    }

    private void count(String field, BenchmarkResult r, String what, long actual, long expected, String formula) {
        if (actual != expected) {
            f.reject(
                    Rule.CATALOGUE,
                    field,
                    r.key() + ": " + what + " is " + actual + " but the kernel's formula " + formula
                            + " on the recorded" + " dims gives " + expected,
                    "work counts are the kernel's formulas; do not edit a record by hand");
        }
    }

    private void text(String field, BenchmarkResult r, String what, String actual, String expected) {
        if (!expected.equals(actual)) {
            f.reject(
                    Rule.CATALOGUE,
                    field,
                    r.key() + ": " + what + " is '" + actual + "' but the kernel's is '" + expected + "'",
                    "work counts are the kernel's formulas; do not edit a record by hand");
        }
    }

    private void tolerance(String path, BenchmarkResult r, Tolerance t) {
        Verification v = r.verification();
        if (v.relativeTolerance() != t.relative() || v.absoluteToleranceOfRms() != t.absoluteOfRms()) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".verification",
                    String.format(
                            Locale.ROOT,
                            "%s: verified with tolerances rel %.3g, abs %.3g x rms, but the catalogue's for %s/%s are"
                                    + " rel %.3g, abs %.3g x rms",
                            r.key(),
                            v.relativeTolerance(),
                            v.absoluteToleranceOfRms(),
                            r.kernel(),
                            r.dtype(),
                            t.relative(),
                            t.absoluteOfRms()),
                    "verification uses the catalogue's tolerances for the kernel and dtype; rerun with the current harness");
            return;
        }
        double bound = t.relative() + t.absoluteOfRms();
        if (v.maxRelativeError() == null) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".verification.maxRelativeError",
                    r.key() + ": verification passed but no error is recorded",
                    "a passed verification records its largest error; rerun");
        } else if (v.maxRelativeError() > bound * (1 + ERROR_BOUND_SLACK)) {
            f.reject(
                    Rule.CATALOGUE,
                    path + ".verification.maxRelativeError",
                    String.format(
                            Locale.ROOT,
                            "%s: verification says passed, but its max relative error %.4g exceeds what the tolerance"
                                    + " allows (rel + abs = %.4g)",
                            r.key(),
                            v.maxRelativeError(),
                            bound),
                    "a result whose error exceeds the tolerance did not pass; fix the backend and rerun");
        }
    }
}
