package org.joulebench.kernels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard kernel catalogue: every kernel with its shapes at sizes S/M/L. Shapes are data, read
 * from {@code shapes.csv} beside this class (one line per kernel and size).
 */
public final class KernelCatalogue {
    private static final String SHAPES_RESOURCE = "shapes.csv";

    private final Map<String, Kernel> kernels;
    private final Map<String, Map<Size, Shape>> shapes;

    private KernelCatalogue(List<Kernel> kernelList, List<Shape> shapeList) {
        Map<String, Kernel> k = new LinkedHashMap<>();
        for (Kernel kernel : kernelList) {
            if (k.put(kernel.id(), kernel) != null) {
                throw new IllegalStateException("duplicate kernel id " + kernel.id());
            }
        }
        Map<String, Map<Size, Shape>> s = new LinkedHashMap<>();
        for (Shape shape : shapeList) {
            Kernel kernel = k.get(shape.kernelId());
            if (kernel == null) {
                throw new IllegalStateException("shapes file names unknown kernel " + shape.kernelId());
            }
            kernel.validate(shape);
            Map<Size, Shape> bySize = s.computeIfAbsent(shape.kernelId(), x -> new LinkedHashMap<>());
            if (bySize.put(shape.size(), shape) != null) {
                throw new IllegalStateException("two shapes for " + shape.kernelId() + " size " + shape.size());
            }
        }
        for (String id : k.keySet()) {
            Map<Size, Shape> bySize = s.getOrDefault(id, Map.of());
            for (Size size : Size.values()) {
                if (!bySize.containsKey(size)) {
                    throw new IllegalStateException("kernel " + id + " has no shape for size " + size);
                }
            }
        }
        this.kernels = Collections.unmodifiableMap(k);
        this.shapes = Collections.unmodifiableMap(s);
    }

    /** The standard catalogue with the shapes shipped in this module. */
    public static KernelCatalogue standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final KernelCatalogue STANDARD = new KernelCatalogue(StandardKernels.all(), loadShapes());
    }

    public List<Kernel> kernels() {
        return List.copyOf(kernels.values());
    }

    /** The kernels a run covers by default and the leaderboard ranks: all but the null workload. */
    public List<Kernel> rankedKernels() {
        return kernels.values().stream().filter(Kernel::ranked).toList();
    }

    public List<String> ids() {
        return List.copyOf(kernels.keySet());
    }

    public Optional<Kernel> find(String id) {
        return Optional.ofNullable(kernels.get(id));
    }

    /** The kernel with this id; the error lists the valid ids. */
    public Kernel kernel(String id) {
        Kernel k = kernels.get(id);
        if (k == null) {
            throw new IllegalArgumentException("unknown kernel '" + id + "'; valid: " + ids());
        }
        return k;
    }

    public Shape shape(String kernelId, Size size) {
        kernel(kernelId);
        return shapes.get(kernelId).get(size);
    }

    /**
     * A shape given by its dims, e.g. {@code M=4096,N=4096,K=1024} ({@code ;} also separates): every
     * dimension of the kernel exactly once, each a positive integer; the error names the valid dims.
     * Its label is its dims text and its size class is meaningless ({@code S}).
     */
    public Shape customShape(String kernelId, String dimsText) {
        Kernel k = kernel(kernelId);
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (String pair : dimsText.split("[,;]")) {
            String p = pair.strip();
            if (p.isEmpty()) {
                continue;
            }
            String[] kv = p.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("shape '" + dimsText + "': '" + p + "' is not NAME=value; "
                        + kernelId + " takes " + k.dimensionNames());
            }
            String name = kv[0].strip();
            if (!k.dimensionNames().contains(name)) {
                throw new IllegalArgumentException("shape '" + dimsText + "': " + kernelId + " has no dimension " + name
                        + "; valid: " + k.dimensionNames());
            }
            int value;
            try {
                value = Integer.parseInt(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shape '" + dimsText + "': " + name
                        + " must be a positive integer, got '" + kv[1].strip() + "'");
            }
            if (dims.put(name, value) != null) {
                throw new IllegalArgumentException("shape '" + dimsText + "': " + name + " given twice");
            }
        }
        List<String> missing =
                k.dimensionNames().stream().filter(n -> !dims.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "shape '" + dimsText + "': " + kernelId + " needs " + k.dimensionNames() + "; missing " + missing);
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        k.dimensionNames().forEach(n -> ordered.put(n, dims.get(n)));
        Shape shape = new Shape(kernelId, Size.S, "custom", ordered);
        shape = new Shape(kernelId, Size.S, shape.dimsText(), ordered);
        k.validate(shape);
        return shape;
    }

    static List<Shape> loadShapes() {
        try (InputStream in = KernelCatalogue.class.getResourceAsStream(SHAPES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SHAPES_RESOURCE + " missing from the kernels jar");
            }
            return parseShapes(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses lines of {@code kernel,size,label,NAME=value;NAME=value...}; {@code #} starts a comment.
     */
    static List<Shape> parseShapes(BufferedReader reader) throws IOException {
        List<Shape> list = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] cols = text.split(",", -1);
            if (cols.length != 4) {
                throw new IllegalStateException(
                        SHAPES_RESOURCE + " line " + lineNo + ": expected kernel,size,label,dims: " + line);
            }
            Map<String, Integer> dims = new LinkedHashMap<>();
            for (String pair : cols[3].split(";")) {
                String[] kv = pair.split("=", -1);
                if (kv.length != 2) {
                    throw new IllegalStateException(
                            SHAPES_RESOURCE + " line " + lineNo + ": bad dimension '" + pair + "'");
                }
                dims.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
            }
            list.add(new Shape(cols[0].strip(), Size.parse(cols[1]), cols[2].strip(), dims));
        }
        return list;
    }
}
