package org.joulebench.backend.cpu;

import java.util.Arrays;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.BackendException;

/** Checked access to a kernel's inputs: a tensor of the wrong type or dimensions is a clear error. */
final class Inputs {
    private final String what;
    private final KernelInputs inputs;

    Inputs(String kernelId, KernelInputs inputs) {
        this.what = kernelId + "/" + inputs.dtype().id() + " " + inputs.shape().dimsText();
        this.inputs = inputs;
    }

    int dim(String name) throws BackendException {
        try {
            int v = inputs.shape().dim(name);
            if (v < 1) {
                throw new BackendException(what + ": dimension " + name + " must be >= 1, got " + v);
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new BackendException(what + ": " + e.getMessage(), e);
        }
    }

    /** A dimension that may be 0 (conv2d's PAD). */
    int dimOrZero(String name) throws BackendException {
        try {
            int v = inputs.shape().dim(name);
            if (v < 0) {
                throw new BackendException(what + ": dimension " + name + " must be >= 0, got " + v);
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new BackendException(what + ": " + e.getMessage(), e);
        }
    }

    String what() {
        return what;
    }

    Tensor tensor(String name, ElementType type, int... dims) throws BackendException {
        Tensor t = inputs.tensors().get(name);
        if (t == null) {
            throw new BackendException(what + ": missing input tensor " + name + "; have "
                    + inputs.tensors().keySet());
        }
        if (t.type() != type || !Arrays.equals(t.dims(), dims)) {
            throw new BackendException(what + ": input " + name + " must be " + type + " " + Arrays.toString(dims)
                    + ", got " + t.type() + " " + Arrays.toString(t.dims()));
        }
        return t;
    }

    float[] f32(String name, int... dims) throws BackendException {
        return tensor(name, ElementType.F32, dims).f32();
    }

    /** A scalar parameter; the catalogue's documented value when the inputs do not carry it. */
    double scalar(String name, double documentedDefault) {
        Double v = inputs.scalars().get(name);
        return v == null ? documentedDefault : v;
    }

    /** Checks the inputs ask for the output this implementation produces. */
    void expectOutput(ElementType type, int... dims) throws BackendException {
        if (inputs.outputType() != type || !Arrays.equals(inputs.outputDims(), dims)) {
            throw new BackendException(what + ": expected output " + type + " " + Arrays.toString(dims)
                    + ", the inputs describe " + inputs.outputType() + " " + Arrays.toString(inputs.outputDims()));
        }
    }
}
