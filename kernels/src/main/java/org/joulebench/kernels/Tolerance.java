package org.joulebench.kernels;

/**
 * How far a backend's output may be from the double-precision reference. An element passes when
 * {@code |actual - ref| <= relative * |ref| + absoluteOfRms * rms(ref)}: the absolute part scales with
 * the output's magnitude so that entries near zero (e.g. a dot product that cancels) do not demand
 * impossible relative accuracy. NaN or infinity where the reference is finite never passes.
 */
public record Tolerance(double relative, double absoluteOfRms) {
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public Tolerance {
        if (!(relative >= 0) || !(absoluteOfRms >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0");
        }
    }
}
