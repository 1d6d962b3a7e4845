package org.joulebench.kernels.spi;

/** Whether a backend (or sensor) can be used here, and if not, why: "no CUDA driver", "no GPU". */
public record Availability(boolean available, String reason) {
    public static Availability yes(String detail) {
        return new Availability(true, detail);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
