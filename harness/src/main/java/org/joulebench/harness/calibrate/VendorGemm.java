package org.joulebench.harness.calibrate;

import org.joulebench.kernels.Size;

/**
 * The vendor library's fp32 GEMM rate (e.g. OpenBLAS sgemm), the practical compute roof beside the FMA peak. Where
 * no vendor library is found, the calibration records the reason instead of a figure.
 */
public interface VendorGemm {
    /**
     * A measured rate in FLOP/s (a multiply-add is 2) and what was measured, or the reason there is none.
     *
     * @param basis the implementation, library and shape measured, in words ({@code null} when unavailable)
     */
    record Rate(Double flopsPerSecond, String unavailableReason, String basis) {
        public static Rate unavailable(String reason) {
            return new Rate(null, reason, null);
        }
    }

    /** Measures sgemm on the catalogue's gemm shape of {@code size} within about {@code millis}. */
    Rate measure(Size size, long millis);

    /** No vendor library measured (tests, or a build without a CPU backend). */
    VendorGemm NONE = (size, millis) -> Rate.unavailable("no vendor library binding in this build");
}
