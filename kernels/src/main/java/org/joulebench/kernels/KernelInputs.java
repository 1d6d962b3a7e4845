package org.joulebench.kernels;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic inputs of one kernel invocation, made from a seed, plus the description of the
 * output the backend must produce.
 *
 * @param shape the problem shape
 * @param dtype the precision variant
 * @param seed the seed the tensors were generated from
 * @param tensors input tensors by name, in the kernel's documented order
 * @param scalars scalar parameters by name (e.g. triad's {@code alpha}, layernorm's {@code eps})
 * @param outputType the element type of the output tensor
 * @param outputDims the dimensions of the output tensor
 */
public record KernelInputs(
        Shape shape,
        DType dtype,
        long seed,
        Map<String, Tensor> tensors,
        Map<String, Double> scalars,
        ElementType outputType,
        int[] outputDims) {

    public KernelInputs {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        outputDims = outputDims.clone();
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no input tensor " + name + "; have " + tensors.keySet());
        }
        return t;
    }

    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no scalar " + name + "; have " + scalars.keySet());
        }
        return v;
    }

    public List<Tensor> tensorList() {
        return List.copyOf(tensors.values());
    }

    /** Length of the Java array the output needs. */
    public int outputStorageLength() {
        return Tensor.storageLength(outputType, outputDims);
    }
}
