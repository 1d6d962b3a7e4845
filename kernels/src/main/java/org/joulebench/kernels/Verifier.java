package org.joulebench.kernels;

/** Compares a backend's output with the reference, element by element. */
public final class Verifier {
    private Verifier() {}

    public static VerificationResult compare(double[] reference, double[] actual, Tolerance tolerance) {
        if (reference.length != actual.length) {
            return new VerificationResult(
                    false,
                    Double.NaN,
                    Double.NaN,
                    -1,
                    tolerance,
                    "output has " + actual.length + " elements, reference has " + reference.length);
        }
        double sumSq = 0;
        for (double r : reference) {
            sumSq += r * r;
        }
        double rms = reference.length == 0 ? 0 : Math.sqrt(sumSq / reference.length);
        double absAllowance = tolerance.absoluteOfRms() * rms;
        double maxRel = 0, maxAbs = 0, worstRatio = -1;
        long worst = -1;
        long failures = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = reference[i], a = actual[i];
            double err = Math.abs(a - r);
            if (!Double.isFinite(a) && Double.isFinite(r)) {
                err = Double.POSITIVE_INFINITY;
            }
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            double allowed = tolerance.relative() * Math.abs(r) + absAllowance;
            double denominator = Math.max(Math.abs(r), rms);
            double rel = err == 0 ? 0 : denominator == 0 ? Double.POSITIVE_INFINITY : err / denominator;
            maxAbs = Math.max(maxAbs, err);
            maxRel = Math.max(maxRel, rel);
            double ratio = err == 0 ? 0 : allowed == 0 ? Double.POSITIVE_INFINITY : err / allowed;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = i;
            }
            if (err > allowed) {
                failures++;
            }
        }
        if (failures == 0) {
            return new VerificationResult(
                    true,
                    maxRel,
                    maxAbs,
                    worst,
                    tolerance,
                    String.format("all %d elements within tolerance (max rel error %.3g)", reference.length, maxRel));
        }
        return new VerificationResult(
                false,
                maxRel,
                maxAbs,
                worst,
                tolerance,
                String.format(
                        "%d of %d elements outside tolerance; worst at index %d: got %s, expected %s (max rel error %.3g, allowed rel %.3g + %.3g x rms)",
                        failures,
                        reference.length,
                        worst,
                        actual[(int) worst],
                        reference[(int) worst],
                        maxRel,
                        tolerance.relative(),
                        tolerance.absoluteOfRms()));
    }
}
