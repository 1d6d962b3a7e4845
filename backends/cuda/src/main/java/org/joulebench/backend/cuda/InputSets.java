package org.joulebench.backend.cuda;

import java.util.Locale;
import org.joulebench.kernels.Size;

/**
 * How many copies of a call's inputs and output a prepared kernel rotates among, and why (recorded with the
 * result as the backend metric {@code input-sets}). A memory-bound kernel at M or L whose working set would sit
 * in the GPU's L2 between calls (qgemv at M is ~10-18 MiB against an H100's 50 MiB) would be timed reading L2,
 * not DRAM; with copies whose total is at least twice the L2, each call finds its own set evicted by the others.
 * Size S is in L2 by design (it shows the launch-bound, cache-resident regime); compute-bound kernels (FLOP or
 * INT_OP headline) keep one set: their operands stay on chip in a model too, and their rate is the arithmetic.
 *
 * @param count the copies (1: no rotation)
 * @param reason what was decided and from which figures, for the record
 */
record InputSets(int count, String reason) {
    /** Copies are few and each at least 2·L2/64: a tiny working set rotates through at most this many. */
    static final int MAX_SETS = 64;

    static InputSets choose(boolean memoryBound, boolean passThrough, Size size, long workingSetBytes, long l2Bytes) {
        String figures = "working set " + mib(workingSetBytes) + " per call, L2 " + mib(l2Bytes);
        if (passThrough) {
            return new InputSets(1, "one set: the null workload reads nothing");
        }
        if (!memoryBound) {
            return new InputSets(
                    1,
                    "one set: compute-bound (operations are the headline), operands may stay in L2" + " as in a model; "
                            + figures);
        }
        if (size == Size.S) {
            return new InputSets(1, "one set: size S is in L2 by design (" + figures + ")");
        }
        if (l2Bytes <= 0) {
            return new InputSets(1, "one set: the device did not report its L2 size");
        }
        if (workingSetBytes >= 2 * l2Bytes) {
            return new InputSets(1, "one set: " + figures + " is at least twice the L2, so each call reads DRAM");
        }
        long needed = (2 * l2Bytes + workingSetBytes - 1) / Math.max(1, workingSetBytes);
        int count = (int) Math.max(2, Math.min(MAX_SETS, needed));
        return new InputSets(
                count,
                "inputs and output rotate among " + count + " copies ("
                        + mib(count * workingSetBytes) + " in all, " + figures
                        + ") so each call finds its set evicted from"
                        + " L2 and reads DRAM");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
