package org.joulebench.results.record;

/**
 * The check of a backend's output against the kernel's double-precision reference, made once before
 * timing.
 *
 * @param passed whether every element was within tolerance
 * @param maxRelativeError max over elements of |a-r|/max(|r|, rms(ref))
 * @param maxAbsoluteError max over elements of |a-r|
 * @param relativeTolerance allowed relative error
 * @param absoluteToleranceOfRms allowed absolute error as a multiple of rms(ref)
 * @param seed the input seed
 * @param message what was found
 */
public record Verification(
        boolean passed,
        Double maxRelativeError,
        Double maxAbsoluteError,
        double relativeTolerance,
        double absoluteToleranceOfRms,
        long seed,
        String message) {}
