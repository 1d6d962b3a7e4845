package org.joulebench.kernels;

import org.joulebench.vocabulary.HeadlineUnit;

/**
 * The work of one kernel invocation, as formulas of its shape evaluated.
 *
 * @param operations arithmetic operations per invocation (FLOPs or integer ops; a multiply-add is 2)
 * @param operationUnit whether {@code operations} counts FLOPs or integer ops
 * @param bytesRead the fewest bytes the kernel must read: each input once, in its storage format
 * @param bytesWritten the fewest bytes it must write: each output once
 * @param headline what the kernel's throughput and energy per unit are quoted in: operations
 *     (GFLOP/s, pJ/FLOP) for compute-bound kernels, bytes (GB/s, pJ/byte) for memory-bound ones
 */
public record WorkCounts(
        long operations, HeadlineUnit operationUnit, long bytesRead, long bytesWritten, HeadlineUnit headline) {

    public WorkCounts {
        if (operationUnit == HeadlineUnit.BYTE) {
            throw new IllegalArgumentException("operationUnit must be FLOP or INT_OP");
        }
        if (operations < 0 || bytesRead < 0 || bytesWritten < 0) {
            throw new IllegalArgumentException("negative work count");
        }
    }

    public long bytesMoved() {
        return bytesRead + bytesWritten;
    }

    /** The count the headline metric divides by: operations, or bytes moved. */
    public long headlineCount() {
        return headline == HeadlineUnit.BYTE ? bytesMoved() : operations;
    }

    /** Operations per byte moved: the x axis of a roofline. */
    public double arithmeticIntensity() {
        return bytesMoved() == 0 ? Double.POSITIVE_INFINITY : (double) operations / bytesMoved();
    }
}
