package org.joulebench.backend.cpu;

import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.PreparedKernel;

/** The null workload: {@code run()} does nothing; the output is the input. Measures the harness. */
final class Noop implements PreparedKernel {
    private final float[] x;

    Noop(float[] x) {
        this.x = x;
    }

    @Override
    public void run() {
        // nothing: whatever time this takes is the harness's
    }

    @Override
    public void runBatch(int invocations) {
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations must be >= 1, got " + invocations);
        }
        for (int i = 0; i < invocations; i++) {
            run();
        }
    }

    @Override
    public Tensor output() {
        return Tensor.f32("Y", x.clone(), x.length);
    }
}
