package org.joulebench.harness.orchestrate;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.ForkOptions;
import org.joulebench.kernels.spi.Implementation;

/**
 * One thing to measure: a kernel at a shape and dtype, by one implementation on one backend device.
 *
 * @param customShape the shape was given by its dims ({@code --shape}), not a catalogue size
 * @param forkOptions what the backend needs in the fork JVM
 */
public record BenchmarkCase(
        Kernel kernel,
        Shape shape,
        boolean customShape,
        DType dtype,
        String backendId,
        DeviceInfo device,
        Implementation implementation,
        ForkOptions forkOptions) {

    public Size size() {
        return shape.size();
    }

    /** {@code S}, {@code M}, {@code L}, or {@code custom}. */
    public String sizeText() {
        return customShape ? "custom" : shape.size().name();
    }

    /** {@code S}/{@code M}/{@code L}, or the dims of a custom shape. */
    public String shapeText() {
        return customShape ? shape.dimsText() : shape.size().name();
    }

    public String deviceId() {
        return device.id();
    }

    public String deviceName() {
        return device.name();
    }

    public String label() {
        return kernel.id() + " " + dtype.id() + " " + shapeText() + " on " + backendId + ":" + device.id() + " ("
                + implementation.id() + ")";
    }
}
