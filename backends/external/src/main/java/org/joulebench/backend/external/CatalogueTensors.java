package org.joulebench.backend.external;

import java.util.LinkedHashMap;
import java.util.Map;
import org.joulebench.kernels.Shape;

/**
 * The dims each catalogue kernel's input tensors must have for a shape (kernels/LAYOUTS.md), so that inputs
 * whose tensors do not match the shape they claim are refused before they reach a runner (which would read
 * past them or compute on garbage).
 */
final class CatalogueTensors {
    private CatalogueTensors() {}

    /** Input name to dims, in the kernel's input order; empty for a kernel this table does not know. */
    static Map<String, int[]> inputDims(String kernelId, Shape s) {
        Map<String, int[]> m = new LinkedHashMap<>();
        switch (kernelId) {
            case "gemm" -> {
                m.put("A", new int[] {s.dim("M"), s.dim("K")});
                m.put("B", new int[] {s.dim("K"), s.dim("N")});
            }
            case "gemv" -> {
                m.put("A", new int[] {s.dim("M"), s.dim("K")});
                m.put("x", new int[] {s.dim("K")});
            }
            case "qgemv" -> {
                int k = s.dim("K"), g = s.dim("G");
                m.put("W", new int[] {s.dim("M"), k});
                m.put("scales", new int[] {s.dim("M"), (k + g - 1) / g});
                m.put("x", new int[] {k});
            }
            case "conv2d" -> {
                m.put("input", new int[] {s.dim("N"), s.dim("C"), s.dim("H"), s.dim("W")});
                m.put("weight", new int[] {s.dim("K"), s.dim("C"), s.dim("R"), s.dim("S")});
            }
            case "attention", "attention-causal" -> {
                int[] d = {s.dim("B"), s.dim("H"), s.dim("L"), s.dim("D")};
                m.put("Q", d);
                m.put("K", d);
                m.put("V", d);
            }
            case "softmax" -> m.put("X", new int[] {s.dim("R"), s.dim("C")});
            case "layernorm" -> {
                m.put("X", new int[] {s.dim("R"), s.dim("C")});
                m.put("gamma", new int[] {s.dim("C")});
                m.put("beta", new int[] {s.dim("C")});
            }
            case "rmsnorm" -> {
                m.put("X", new int[] {s.dim("R"), s.dim("C")});
                m.put("gamma", new int[] {s.dim("C")});
            }
            case "gelu", "silu", "noop" -> m.put("X", new int[] {s.dim("N")});
            case "triad" -> {
                m.put("b", new int[] {s.dim("N")});
                m.put("c", new int[] {s.dim("N")});
            }
            default -> {
                // unknown: no check here; the runner's supported pairs already refuse it
            }
        }
        return m;
    }
}
