package org.joulebench.kernels;

/**
 * The outcome of checking an output against the reference.
 *
 * @param passed every element within tolerance, and no NaN/infinity
 * @param maxRelativeError max over elements of {@code |a - r| / max(|r|, rms(ref))}; a figure to
 *     report, comparable across kernels
 * @param maxAbsoluteError max over elements of {@code |a - r|}
 * @param worstIndex the element with the largest error relative to its allowance (-1 if none)
 * @param tolerance what was allowed
 * @param message a human-readable summary, naming the worst element when it failed
 */
public record VerificationResult(
        boolean passed,
        double maxRelativeError,
        double maxAbsoluteError,
        long worstIndex,
        Tolerance tolerance,
        String message) {}
