package org.joulebench.harness.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Npy;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.Verifier;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Golden vectors for pre-silicon work: a kernel's catalogue inputs, its double-precision reference output, the
 * tolerances, work counts and seed, as {@code .npy} files plus one manifest ({@value #MANIFEST}) with the SHA-256
 * of each file. An output produced anywhere (an RTL simulation, an FPGA) is checked against them with the same
 * comparison, verdict and error figures the harness records ({@link Verifier}).
 */
public final class GoldenVectors {
    private GoldenVectors() {}

    public static final String MANIFEST = "manifest.json";
    public static final String FORMAT = "joulebench-golden-vectors";
    public static final int VERSION = 1;
    private static final String REFERENCE_FILE = "reference.npy";

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Writes the vectors of one kernel/dtype/shape/seed into {@code dir} (created; existing files replaced). */
    public static Path write(Kernel kernel, DType dtype, Shape shape, long seed, Path dir) throws IOException {
        Files.createDirectories(dir);
        KernelInputs in = kernel.inputs(shape, dtype, seed);
        double[] reference = kernel.reference(in);
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("kernel", kernel.id());
        m.put("dtype", dtype.id());
        m.put(
                "size",
                shape.label().equals(shape.dimsText()) ? "custom" : shape.size().name());
        m.put("shapeLabel", shape.label());
        ObjectNode dims = m.putObject("dims");
        shape.dims().forEach(dims::put);
        m.put("seed", seed);
        m.put("layout", kernel.layout());
        ArrayNode inputs = m.putArray("inputs");
        for (Tensor t : in.tensorList()) {
            String file = "input-" + t.name() + ".npy";
            Npy.write(dir.resolve(file), t);
            ObjectNode f = inputs.addObject();
            f.put("name", t.name());
            f.put("file", file);
            f.put("elementType", t.type().name());
            f.put("descr", Npy.descr(t.type()));
            putInts(f.putArray("dims"), t.dims());
            putInts(f.putArray("fileShape"), Npy.fileShape(t.type(), t.dims()));
            f.put("weight", kernel.isWeight(t.name()));
            f.put("sha256", sha256(dir.resolve(file)));
        }
        ObjectNode scalars = m.putObject("scalars");
        in.scalars().forEach(scalars::put);
        ObjectNode out = m.putObject("output");
        out.put("elementType", in.outputType().name());
        out.put("descr", Npy.descr(in.outputType()));
        putInts(out.putArray("dims"), in.outputDims());
        putInts(out.putArray("fileShape"), Npy.fileShape(in.outputType(), in.outputDims()));
        Npy.writeF64(dir.resolve(REFERENCE_FILE), reference, in.outputDims());
        ObjectNode ref = m.putObject("reference");
        ref.put("file", REFERENCE_FILE);
        ref.put("descr", "<f8");
        ref.put("note", "computed in double precision from exactly the stored inputs");
        ref.put("sha256", sha256(dir.resolve(REFERENCE_FILE)));
        Tolerance tol = kernel.tolerance(dtype);
        ObjectNode tn = m.putObject("tolerance");
        tn.put("relative", tol.relative());
        tn.put("absoluteOfRms", tol.absoluteOfRms());
        tn.put(
                "rule",
                "pass when |output - reference| <= relative*|reference| + absoluteOfRms*rms(reference) for every"
                        + " element, and no NaN or infinity");
        WorkCounts w = kernel.work(shape, dtype);
        ObjectNode wn = m.putObject("work");
        wn.put("operations", w.operations());
        wn.put("operationUnit", w.operationUnit().name());
        wn.put("bytesRead", w.bytesRead());
        wn.put("bytesWritten", w.bytesWritten());
        wn.put("headline", w.headline().name());
        WorkFormulas f = kernel.formulas(dtype);
        ObjectNode fn = wn.putObject("formulas");
        fn.put("operations", f.operations());
        fn.put("bytesRead", f.bytesRead());
        fn.put("bytesWritten", f.bytesWritten());
        Path manifest = dir.resolve(MANIFEST);
        Files.writeString(manifest, JSON.writeValueAsString(m) + "\n");
        return manifest;
    }

    /** The verdict on an output, with what was checked. */
    public record Verdict(String what, VerificationResult result) {}

    /**
     * Checks {@code output} against the vectors in {@code dir}: the manifest's files must have their SHA-256, the
     * output the manifest's type and shape; then the harness's comparison. Bad input throws with a one-line reason.
     */
    public static Verdict verify(Path dir, Path output) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(dir + " has no " + MANIFEST + " (make one with `joulebench vectors`)");
        }
        JsonNode m;
        try {
            m = JSON.readTree(Files.readString(manifestFile));
        } catch (RuntimeException e) {
            throw new IOException(manifestFile + ": not JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!FORMAT.equals(m.path("format").asString("")) || m.path("version").asInt(-1) != VERSION) {
            throw new IOException(manifestFile + ": not a " + FORMAT + " manifest of version " + VERSION);
        }
        List<JsonNode> files = new ArrayList<>();
        m.path("inputs").forEach(files::add);
        files.add(m.path("reference"));
        for (JsonNode f : files) {
            String name = f.path("file").asString("");
            Path p = dir.resolve(name).normalize();
            if (name.isEmpty() || !p.startsWith(dir.normalize()) || !Files.isRegularFile(p)) {
                throw new IOException(manifestFile + " names a file that is not in " + dir + ": '" + name + "'");
            }
            String actual = sha256(p);
            if (!actual.equals(f.path("sha256").asString(""))) {
                throw new IOException(p + ": SHA-256 " + actual + " differs from the manifest's "
                        + f.path("sha256").asString("(none)"));
            }
        }
        KernelCatalogue catalogue = KernelCatalogue.standard();
        Kernel kernel = catalogue
                .find(m.path("kernel").asString(""))
                .orElseThrow(() -> new IOException(manifestFile + ": unknown kernel " + m.path("kernel")));
        DType dtype = DType.parse(m.path("dtype").asString(""));
        ElementType type =
                ElementType.valueOf(m.path("output").path("elementType").asString(""));
        int[] dims = ints(m.path("output").path("dims"));
        double[] reference =
                Npy.readF64(dir.resolve(m.path("reference").path("file").asString()), dims, "reference");
        Tensor out = Npy.read(output, "output", type, dims, output.toString());
        // the catalogue's tolerance, not the manifest's: a manifest edited to be lenient changes nothing
        Tolerance tol = kernel.tolerance(dtype);
        Map<String, Integer> shapeDims = new LinkedHashMap<>();
        m.path("dims")
                .properties()
                .forEach(e -> shapeDims.put(e.getKey(), e.getValue().asInt()));
        String what = kernel.id() + " " + dtype.id() + " " + m.path("size").asString("") + " ("
                + new Shape(kernel.id(), null, "", shapeDims).dimsText() + ", seed "
                + m.path("seed").asLong() + ")";
        return new Verdict(what, Verifier.compare(reference, out.toDoubles(), tol));
    }

    private static void putInts(ArrayNode a, int[] values) {
        for (int v : values) {
            a.add(v);
        }
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
