package org.joulebench.kernels;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One problem shape of a kernel: named integer dimensions (e.g. M, N, K), in catalogue order.
 *
 * @param kernelId the kernel this shape belongs to
 * @param size the size class it stands for
 * @param label a short human name, e.g. {@code llama-7b-mlp} or {@code square-256}
 * @param dims dimension name to value, insertion-ordered
 */
public record Shape(String kernelId, Size size, String label, Map<String, Integer> dims) {

    public Shape {
        dims = Collections.unmodifiableMap(new LinkedHashMap<>(dims));
    }

    /** The value of a dimension; a missing name is a programming error in the kernel or catalogue. */
    public int dim(String name) {
        Integer v = dims.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "shape " + label + " of " + kernelId + " has no dimension " + name + "; has " + dims.keySet());
        }
        return v;
    }

    public Shape withDims(Map<String, Integer> newDims) {
        return new Shape(kernelId, size, label, newDims);
    }

    /** e.g. {@code M=256,N=256,K=256}. */
    public String dimsText() {
        StringJoiner j = new StringJoiner(",");
        dims.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** A shape built in code (tests, ad-hoc runs): {@code Shape.of("gemm", "M", 3, "N", 5, "K", 7)}. */
    public static Shape of(String kernelId, Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        Map<String, Integer> d = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            d.put((String) nameValuePairs[i], ((Number) nameValuePairs[i + 1]).intValue());
        }
        Shape s = new Shape(kernelId, Size.S, "custom", d);
        return new Shape(kernelId, Size.S, s.dimsText(), d);
    }
}
