package org.joulebench.harness.calibrate;

/**
 * The vendor library's fp32 GEMM rate (OpenBLAS sgemm through FFM), the practical compute roof beside the FMA
 * peak. The hook for the OpenBLAS binding: until one is on the class path, {@link #NONE} says so and the
 * calibration records the reason instead of a figure.
 */
public interface VendorGemm {
    /** A measured rate in FLOP/s (a multiply-add is 2), or the reason there is none. */
    record Rate(Double flopsPerSecond, String unavailableReason) {
        public static Rate unavailable(String reason) {
            return new Rate(null, reason);
        }
    }

    /** Measures sgemm on {@code threads} threads within about {@code millis}. */
    Rate measure(int threads, long millis);

    /** No vendor library binding in this build (OpenBlas, from the CPU backend, will plug in here). */
    VendorGemm NONE = (threads, millis) -> Rate.unavailable("no vendor library binding yet");
}
