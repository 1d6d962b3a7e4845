package org.joulebench.backend.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;

/**
 * The shapes the kit runs each kernel on. <em>Odd</em> shapes use primes and sizes just past the usual vector
 * widths and tiles (8, 16, 32, 64, 128, 256, 512, 1024), so a backend that assumes a multiple fails;
 * <em>degenerate</em> shapes have dims of 1: all of them at once, and each one alone in the first odd shape.
 * Every shape is small enough that the double-precision reference takes milliseconds.
 *
 * <p>A kernel the table does not know (one added to the catalogue later) gets odd shapes made from its S shape
 * (each dim above 1 replaced by a prime at most 37) and the same degenerate shapes, so it is never skipped.
 */
public final class ConformanceShapes {
    private ConformanceShapes() {}

    private static final Map<String, List<Object[]>> ODD = new LinkedHashMap<>();

    static {
        odd("gemm", "M", 7, "N", 13, "K", 17);
        odd("gemm", "M", 33, "N", 65, "K", 129); // one past 32/64/128 tiles
        odd("gemm", "M", 3, "N", 517, "K", 259); // past a 512-column tile and a 256 K block
        odd("gemv", "M", 7, "K", 13);
        odd("gemv", "M", 257, "K", 131);
        odd("qgemv", "M", 7, "K", 13, "G", 4); // K not a multiple of G
        odd("qgemv", "M", 5, "K", 17, "G", 3); // odd G: int4 groups start on high nibbles
        odd("qgemv", "M", 3, "K", 7, "G", 32); // G > K
        odd("qgemv", "M", 67, "K", 131, "G", 32);
        odd("conv2d", "N", 2, "C", 3, "H", 7, "W", 9, "K", 5, "R", 3, "S", 3, "STRIDE", 2, "PAD", 1);
        odd("conv2d", "N", 1, "C", 4, "H", 11, "W", 13, "K", 2, "R", 2, "S", 3, "STRIDE", 3, "PAD", 0);
        odd("conv2d", "N", 1, "C", 3, "H", 6, "W", 4, "K", 7, "R", 1, "S", 3, "STRIDE", 1, "PAD", 3); // PAD > filter
        for (String id : List.of("attention", "attention-causal")) {
            odd(id, "B", 2, "H", 3, "L", 17, "D", 5);
            odd(id, "B", 1, "H", 2, "L", 67, "D", 64); // L one past a 64 block, the usual head size
        }
        for (String id : List.of("softmax", "layernorm", "rmsnorm")) {
            odd(id, "R", 7, "C", 13);
            odd(id, "R", 3, "C", 1031); // a row one block past 1024, prime
            odd(id, "R", 257, "C", 3);
        }
        for (String id : List.of("gelu", "silu", "triad", "noop")) {
            odd(id, "N", 17);
            odd(id, "N", 65_537); // 2^16 + 1: no vector width or block divides it
        }
    }

    private static void odd(String kernelId, Object... dims) {
        ODD.computeIfAbsent(kernelId, k -> new ArrayList<>()).add(dims);
    }

    /** Odd shapes of the kernel, each valid for it. */
    public static List<Shape> odd(Kernel kernel) {
        List<Object[]> known = ODD.get(kernel.id());
        List<Shape> shapes = new ArrayList<>();
        if (known != null) {
            known.forEach(d -> shapes.add(Shape.of(kernel.id(), d)));
        } else {
            Map<String, Integer> dims = new LinkedHashMap<>();
            baseDims(kernel).forEach((k, v) -> dims.put(k, v <= 1 ? v : primeAtLeast(Math.min(v, 37))));
            shapes.add(new Shape(kernel.id(), Size.S, "odd", dims));
        }
        return valid(kernel, shapes);
    }

    /** Dims of 1: every dim at once (0 for a dim whose minimum is 0), then each dim alone in the first odd shape. */
    public static List<Shape> degenerate(Kernel kernel) {
        Set<Map<String, Integer>> seen = new LinkedHashSet<>();
        Map<String, Integer> ones = new LinkedHashMap<>();
        kernel.dimensionNames().forEach(n -> ones.put(n, 1));
        seen.add(ones);
        Map<String, Integer> onesPadZero = new LinkedHashMap<>(ones);
        onesPadZero.replaceAll((k, v) -> canBeZero(kernel, ones, k) ? 0 : v);
        seen.add(onesPadZero);
        List<Shape> odd = odd(kernel);
        if (!odd.isEmpty()) {
            for (String name : kernel.dimensionNames()) {
                Map<String, Integer> d = new LinkedHashMap<>(odd.getFirst().dims());
                d.put(name, 1);
                seen.add(d);
            }
        }
        List<Shape> shapes = new ArrayList<>();
        for (Map<String, Integer> d : seen) {
            Shape s = new Shape(kernel.id(), Size.S, "degenerate", d);
            shapes.add(new Shape(kernel.id(), Size.S, s.dimsText(), d));
        }
        shapes.removeIf(s -> odd.stream().anyMatch(o -> o.dims().equals(s.dims())));
        return valid(kernel, shapes);
    }

    /**
     * A shape whose output is about 1 MiB, for the repeated prepare/close check: large enough that keeping
     * each prepared kernel's output shows on the heap, small enough that 200 cycles take well under a second.
     */
    public static Shape leak(Kernel kernel) {
        Shape s = switch (kernel.id()) {
            case "gelu", "silu", "triad", "noop" -> Shape.of(kernel.id(), "N", 262_147);
            case "softmax", "layernorm", "rmsnorm" -> Shape.of(kernel.id(), "R", 257, "C", 1021);
            case "gemm" -> Shape.of(kernel.id(), "M", 509, "N", 515, "K", 3);
            case "gemv" -> Shape.of(kernel.id(), "M", 262_147, "K", 1);
            case "qgemv" -> Shape.of(kernel.id(), "M", 262_147, "K", 1, "G", 1);
            default -> odd(kernel).getLast();
        };
        kernel.validate(s);
        return s;
    }

    private static Map<String, Integer> baseDims(Kernel kernel) {
        try {
            return KernelCatalogue.standard().shape(kernel.id(), Size.S).dims();
        } catch (IllegalArgumentException notInCatalogue) {
            Map<String, Integer> d = new LinkedHashMap<>();
            int[] primes = {7, 13, 5, 17, 3, 11};
            List<String> names = kernel.dimensionNames();
            for (int i = 0; i < names.size(); i++) {
                d.put(names.get(i), primes[i % primes.length]);
            }
            return d;
        }
    }

    private static boolean canBeZero(Kernel kernel, Map<String, Integer> ones, String name) {
        Map<String, Integer> d = new LinkedHashMap<>(ones);
        d.put(name, 0);
        try {
            kernel.validate(new Shape(kernel.id(), Size.S, "probe", d));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<Shape> valid(Kernel kernel, List<Shape> shapes) {
        return shapes.stream()
                .filter(s -> {
                    try {
                        kernel.validate(s);
                        return true;
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                })
                .toList();
    }

    private static int primeAtLeast(int n) {
        int p = Math.max(2, n);
        while (!isPrime(p)) {
            p++;
        }
        return p;
    }

    private static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
