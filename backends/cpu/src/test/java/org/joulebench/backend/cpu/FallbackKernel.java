package org.joulebench.backend.cpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Halfs;
import org.joulebench.kernels.Int4;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;

/**
 * A small test-only stand-in for a catalogue kernel, written from kernels/LAYOUTS.md: inputs and a
 * double-precision reference. Used only for kernels the catalogue does not (yet) provide; see {@link
 * #kernel}.
 */
final class FallbackKernel implements Kernel {
    private final String id;

    private FallbackKernel(String id) {
        this.id = id;
    }

    /** The catalogue kernel when the catalogue has it, else this fallback. */
    static Kernel kernel(String id) {
        return KernelCatalogue.standard().find(id).orElseGet(() -> new FallbackKernel(id));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "test fallback for " + id;
    }

    @Override
    public List<String> dimensionNames() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<DType> dtypes() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String layout() {
        throw new UnsupportedOperationException();
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        throw new UnsupportedOperationException();
    }

    @Override
    public WorkCounts work(Shape shape, DType dtype) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Tolerance tolerance(DType dtype) {
        return dtype == DType.INT8 && id.equals("gemm") ? Tolerance.EXACT : new Tolerance(1e-4, 2e-4);
    }

    @Override
    public KernelInputs inputs(Shape s, DType dtype, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        Map<String, Double> scalars = new LinkedHashMap<>();
        ElementType out = ElementType.F32;
        int[] outDims;
        switch (id) {
            case "gemm" -> {
                int m = s.dim("M"), n = s.dim("N"), k = s.dim("K");
                t.put("A", tensor(rnd, "A", dtype, m, k));
                t.put("B", tensor(rnd, "B", dtype, k, n));
                out = dtype == DType.INT8 ? ElementType.I32 : ElementType.F32;
                outDims = new int[] {m, n};
            }
            case "gemv" -> {
                int m = s.dim("M"), k = s.dim("K");
                t.put("A", tensor(rnd, "A", dtype, m, k));
                t.put("x", tensor(rnd, "x", dtype, k));
                outDims = new int[] {m};
            }
            case "qgemv" -> {
                int m = s.dim("M"), k = s.dim("K"), g = s.dim("G");
                t.put("W", tensor(rnd, "W", dtype, m, k));
                int groups = (k + g - 1) / g;
                float[] sc = new float[m * groups];
                double div = dtype == DType.INT4 ? 7 : 127;
                for (int i = 0; i < sc.length; i++) sc[i] = (float) (rnd.nextDouble(0.5, 1.5) / div);
                t.put("scales", Tensor.f32("scales", sc, m, groups));
                t.put("x", tensor(rnd, "x", DType.FP32, k));
                outDims = new int[] {m};
            }
            case "conv2d" -> {
                int n = s.dim("N"), c = s.dim("C"), h = s.dim("H"), w = s.dim("W");
                int k = s.dim("K"), r = s.dim("R"), ss = s.dim("S"), st = s.dim("STRIDE"), pad = s.dim("PAD");
                t.put("input", tensor(rnd, "input", dtype, n, c, h, w));
                t.put("weight", tensor(rnd, "weight", dtype, k, c, r, ss));
                outDims = new int[] {n, k, (h + 2 * pad - r) / st + 1, (w + 2 * pad - ss) / st + 1};
            }
            case "attention", "attention-causal" -> {
                int[] d = {s.dim("B"), s.dim("H"), s.dim("L"), s.dim("D")};
                for (String name : List.of("Q", "K", "V")) t.put(name, tensor(rnd, name, dtype, d));
                scalars.put("scale", 1.0 / Math.sqrt(d[3]));
                outDims = d;
            }
            case "softmax", "layernorm", "rmsnorm" -> {
                int r = s.dim("R"), c = s.dim("C");
                t.put("X", tensor(rnd, "X", dtype, r, c));
                if (!id.equals("softmax")) t.put("gamma", tensor(rnd, "gamma", dtype, c));
                if (id.equals("layernorm")) t.put("beta", tensor(rnd, "beta", dtype, c));
                if (!id.equals("softmax")) scalars.put("eps", id.equals("layernorm") ? 1e-5 : 1e-6);
                outDims = new int[] {r, c};
            }
            case "gelu", "silu" -> {
                int n = s.dim("N");
                t.put("X", tensor(rnd, "X", dtype, n));
                outDims = new int[] {n};
            }
            case "triad" -> {
                int n = s.dim("N");
                t.put("b", tensor(rnd, "b", dtype, n));
                t.put("c", tensor(rnd, "c", dtype, n));
                scalars.put("alpha", 3.0);
                outDims = new int[] {n};
            }
            default -> throw new IllegalArgumentException("no fallback for " + id);
        }
        return new KernelInputs(s, dtype, seed, t, scalars, out, outDims);
    }

    private static Tensor tensor(SplittableRandom rnd, String name, DType dtype, int... dims) {
        int n = 1;
        for (int d : dims) n *= d;
        return switch (dtype) {
            case FP32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) a[i] = (float) rnd.nextDouble(-1, 1);
                yield new Tensor(name, ElementType.F32, dims, a);
            }
            case FP16, BF16 -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    float f = (float) rnd.nextDouble(-1, 1);
                    a[i] = dtype == DType.FP16 ? Halfs.floatToF16(f) : Halfs.floatToBf16(f);
                }
                yield new Tensor(name, dtype == DType.FP16 ? ElementType.F16 : ElementType.BF16, dims, a);
            }
            case INT8 -> {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) a[i] = (byte) rnd.nextInt(-127, 128);
                yield new Tensor(name, ElementType.I8, dims, a);
            }
            case INT4 -> {
                int cols = dims[dims.length - 1], rowBytes = (cols + 1) / 2, rows = n / cols;
                byte[] a = new byte[rows * rowBytes];
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < cols; c++) Int4.set(a, r * rowBytes, c, rnd.nextInt(-8, 8));
                yield new Tensor(name, ElementType.I4_PACKED, dims, a);
            }
        };
    }

    @Override
    public double[] reference(KernelInputs in) {
        Shape s = in.shape();
        switch (id) {
            case "gemm" -> {
                int m = s.dim("M"), n = s.dim("N"), k = s.dim("K");
                double[] a = in.tensor("A").toDoubles(), b = in.tensor("B").toDoubles(), c = new double[m * n];
                for (int i = 0; i < m; i++)
                    for (int kk = 0; kk < k; kk++)
                        for (int j = 0; j < n; j++) c[i * n + j] += a[i * k + kk] * b[kk * n + j];
                return c;
            }
            case "gemv" -> {
                int m = s.dim("M"), k = s.dim("K");
                double[] a = in.tensor("A").toDoubles(), x = in.tensor("x").toDoubles(), y = new double[m];
                for (int i = 0; i < m; i++) for (int kk = 0; kk < k; kk++) y[i] += a[i * k + kk] * x[kk];
                return y;
            }
            case "qgemv" -> {
                int m = s.dim("M"), k = s.dim("K"), g = s.dim("G"), groups = (k + g - 1) / g;
                double[] w = in.tensor("W").toDoubles(),
                        sc = in.tensor("scales").toDoubles();
                double[] x = in.tensor("x").toDoubles(), y = new double[m];
                for (int i = 0; i < m; i++)
                    for (int kk = 0; kk < k; kk++) y[i] += w[i * k + kk] * sc[i * groups + kk / g] * x[kk];
                return y;
            }
            case "conv2d" -> {
                int n = s.dim("N"), c = s.dim("C"), h = s.dim("H"), w = s.dim("W");
                int k = s.dim("K"), r = s.dim("R"), ss = s.dim("S"), st = s.dim("STRIDE"), pad = s.dim("PAD");
                int p = (h + 2 * pad - r) / st + 1, q = (w + 2 * pad - ss) / st + 1;
                double[] x = in.tensor("input").toDoubles(),
                        wt = in.tensor("weight").toDoubles();
                double[] o = new double[n * k * p * q];
                for (int b = 0; b < n; b++)
                    for (int ko = 0; ko < k; ko++)
                        for (int pi = 0; pi < p; pi++)
                            for (int qi = 0; qi < q; qi++) {
                                double acc = 0;
                                for (int ci = 0; ci < c; ci++)
                                    for (int ri = 0; ri < r; ri++)
                                        for (int si = 0; si < ss; si++) {
                                            int hi = pi * st - pad + ri, wi = qi * st - pad + si;
                                            if (hi < 0 || hi >= h || wi < 0 || wi >= w) continue;
                                            acc += x[((b * c + ci) * h + hi) * w + wi]
                                                    * wt[((ko * c + ci) * r + ri) * ss + si];
                                        }
                                o[((b * k + ko) * p + pi) * q + qi] = acc;
                            }
                return o;
            }
            case "attention", "attention-causal" -> {
                int bh = s.dim("B") * s.dim("H"), l = s.dim("L"), d = s.dim("D");
                double[] q = in.tensor("Q").toDoubles(), kk = in.tensor("K").toDoubles();
                double[] v = in.tensor("V").toDoubles(), o = new double[q.length];
                double scale = 1.0 / Math.sqrt(d);
                for (int h = 0; h < bh; h++)
                    for (int i = 0; i < l; i++) {
                        int keys = id.equals("attention-causal") ? i + 1 : l;
                        double[] p = new double[keys];
                        double max = Double.NEGATIVE_INFINITY, sum = 0;
                        for (int j = 0; j < keys; j++) {
                            for (int t = 0; t < d; t++) p[j] += q[(h * l + i) * d + t] * kk[(h * l + j) * d + t];
                            p[j] *= scale;
                            max = Math.max(max, p[j]);
                        }
                        for (int j = 0; j < keys; j++) sum += p[j] = Math.exp(p[j] - max);
                        for (int j = 0; j < keys; j++)
                            for (int t = 0; t < d; t++) o[(h * l + i) * d + t] += p[j] / sum * v[(h * l + j) * d + t];
                    }
                return o;
            }
            case "softmax", "layernorm", "rmsnorm" -> {
                int rows = s.dim("R"), c = s.dim("C");
                double[] x = in.tensor("X").toDoubles(), y = new double[x.length];
                double[] gamma =
                        id.equals("softmax") ? null : in.tensor("gamma").toDoubles();
                double[] beta = id.equals("layernorm") ? in.tensor("beta").toDoubles() : null;
                for (int r = 0; r < rows; r++) {
                    int o = r * c;
                    if (id.equals("softmax")) {
                        double max = Double.NEGATIVE_INFINITY, sum = 0;
                        for (int i = 0; i < c; i++) max = Math.max(max, x[o + i]);
                        for (int i = 0; i < c; i++) sum += y[o + i] = Math.exp(x[o + i] - max);
                        for (int i = 0; i < c; i++) y[o + i] /= sum;
                    } else if (id.equals("layernorm")) {
                        double mean = 0, var = 0;
                        for (int i = 0; i < c; i++) mean += x[o + i] / c;
                        for (int i = 0; i < c; i++) var += (x[o + i] - mean) * (x[o + i] - mean) / c;
                        for (int i = 0; i < c; i++)
                            y[o + i] = (x[o + i] - mean) / Math.sqrt(var + 1e-5) * gamma[i] + beta[i];
                    } else {
                        double ms = 0;
                        for (int i = 0; i < c; i++) ms += x[o + i] * x[o + i] / c;
                        for (int i = 0; i < c; i++) y[o + i] = x[o + i] / Math.sqrt(ms + 1e-6) * gamma[i];
                    }
                }
                return y;
            }
            case "gelu", "silu" -> {
                double[] x = in.tensor("X").toDoubles();
                for (int i = 0; i < x.length; i++) {
                    double v = x[i];
                    x[i] = id.equals("silu")
                            ? v / (1 + Math.exp(-v))
                            : 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                }
                return x;
            }
            case "triad" -> {
                double[] b = in.tensor("b").toDoubles(), c = in.tensor("c").toDoubles();
                for (int i = 0; i < b.length; i++) b[i] += 3.0 * c[i];
                return b;
            }
            default -> throw new IllegalArgumentException(id);
        }
    }
}
