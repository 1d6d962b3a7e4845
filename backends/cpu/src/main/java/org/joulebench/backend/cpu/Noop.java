package org.joulebench.backend.cpu;

import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * The null workload: the output is the input and {@code run()} only counts itself, in a volatile field so
 * the JIT cannot remove the call; its time is thus an upper bound of the harness's per-invocation cost.
 */
final class Noop implements PreparedKernel {
    private final float[] x;
    private volatile long invocations;

    Noop(float[] x) {
        this.x = x;
    }

    @Override
    public void run() {
        invocations++;
    }

    @Override
    public Tensor output() {
        return Tensor.f32("Y", x.clone(), x.length);
    }
}
