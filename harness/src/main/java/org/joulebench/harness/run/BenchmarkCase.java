package org.joulebench.harness.run;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;

/** One thing to measure: a kernel at a size and dtype on one backend device. */
public record BenchmarkCase(
        Kernel kernel, Shape shape, DType dtype, String backendId, String deviceId, String deviceName) {
    public Size size() {
        return shape.size();
    }

    public String label() {
        return kernel.id() + " " + dtype.id() + " " + shape.size() + " on " + backendId + ":" + deviceId;
    }
}
