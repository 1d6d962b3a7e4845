package org.joulebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCatalogueTest {
    private final KernelCatalogue catalogue = KernelCatalogue.standard();

    @Test
    void listsTheKernelsInOrder() {
        assertThat(catalogue.rankedKernels().stream().map(Kernel::id))
                .containsExactly(
                        "gemm",
                        "gemv",
                        "qgemv",
                        "conv2d",
                        "attention",
                        "attention-causal",
                        "softmax",
                        "layernorm",
                        "rmsnorm",
                        "gelu",
                        "silu",
                        "triad");
    }

    @Test
    void weightsAreMarkedAndAreRealInputsOfTheirKernel() {
        java.util.Map<String, List<String>> weights = new java.util.LinkedHashMap<>();
        for (Kernel k : catalogue.kernels()) {
            if (!k.weightInputs().isEmpty()) {
                weights.put(k.id(), k.weightInputs());
            }
            for (DType d : k.dtypes()) {
                KernelInputs in = k.inputs(catalogue.shape(k.id(), Size.S), d, 1);
                assertThat(in.tensors().keySet()).as("%s %s", k.id(), d).containsAll(k.weightInputs());
            }
        }
        assertThat(weights)
                .containsExactly(
                        java.util.Map.entry("gemm", List.of("B")),
                        java.util.Map.entry("gemv", List.of("A")),
                        java.util.Map.entry("qgemv", List.of("W", "scales")),
                        java.util.Map.entry("conv2d", List.of("weight")));
        assertThat(catalogue.kernel("gemm").isWeight("B")).isTrue();
        assertThat(catalogue.kernel("gemm").isWeight("A")).isFalse();
    }

    @Test
    void theNullWorkloadIsListedButNeverRanked() {
        assertThat(catalogue.ids()).endsWith("noop");
        Kernel noop = catalogue.kernel("noop");
        assertThat(noop.ranked()).isFalse();
        assertThat(catalogue.rankedKernels())
                .doesNotContain(noop)
                .hasSize(catalogue.kernels().size() - 1);
        assertThat(noop.work(catalogue.shape("noop", Size.S), DType.FP32).headlineCount())
                .isZero();
    }

    @Test
    void customShapesAreCheckedAgainstTheKernelsDimensions() {
        Shape s = catalogue.customShape("gemm", "K=1024, M=4096,N=4096");
        assertThat(s.dims())
                .containsExactly(
                        java.util.Map.entry("M", 4096), java.util.Map.entry("N", 4096), java.util.Map.entry("K", 1024));
        assertThat(s.label()).isEqualTo("M=4096,N=4096,K=1024");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalogue.customShape("gemm", "M=4,N=4,X=2"))
                .hasMessageContaining("gemm has no dimension X; valid: [M, N, K]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalogue.customShape("gemm", "M=4,N=4"))
                .hasMessageContaining("missing [K]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalogue.customShape("gemm", "M=4,N=4,K=0"))
                .hasMessageContaining("K must be >= 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalogue.customShape("gemm", "M=4,N=x,K=2"))
                .hasMessageContaining("N must be a positive integer");
    }

    @Test
    void everyKernelHasValidShapesAtEverySizeGrowingFromSToL() {
        for (Kernel k : catalogue.rankedKernels()) {
            for (DType d : k.dtypes()) {
                long previous = 0;
                for (Size size : Size.values()) {
                    Shape shape = catalogue.shape(k.id(), size);
                    assertThat(shape.size()).isEqualTo(size);
                    assertThat(shape.label()).isNotBlank().doesNotContain(" ");
                    k.validate(shape);
                    WorkCounts w = k.work(shape, d);
                    assertThat(w.headlineCount()).as("%s %s", k.id(), size).isGreaterThan(previous);
                    previous = w.headlineCount();
                }
                // the size rule: M is roughly 10-100x S (work in the kernel's headline unit)
                double ratio =
                        (double) k.work(catalogue.shape(k.id(), Size.M), d).headlineCount()
                                / k.work(catalogue.shape(k.id(), Size.S), d).headlineCount();
                assertThat(ratio).as("%s M/S", k.id()).isBetween(8.0, 130.0);
            }
        }
    }

    @Test
    void sizeSIsSmallEnoughForTwoCores() {
        // ~50 ms on 2 cores of plain Java: at most ~0.25 GFLOP and 64 MB moved per invocation
        for (Kernel k : catalogue.kernels()) {
            for (DType d : k.dtypes()) {
                WorkCounts w = k.work(catalogue.shape(k.id(), Size.S), d);
                assertThat(w.operations()).as(k.id()).isLessThanOrEqualTo(250_000_000L);
                assertThat(w.bytesMoved()).as(k.id()).isLessThanOrEqualTo(64L << 20);
            }
        }
    }

    @Test
    void sizeSInputsAndReferencesAreConsistent() {
        for (Kernel k : catalogue.kernels()) {
            DType d = k.dtypes().iterator().next();
            KernelInputs in = k.inputs(catalogue.shape(k.id(), Size.S), d, 1);
            long elements = 1;
            for (int dim : in.outputDims()) {
                elements *= dim;
            }
            double[] ref = k.reference(in);
            assertThat(ref).as(k.id()).hasSize((int) elements);
            assertThat(java.util.Arrays.stream(ref).allMatch(Double::isFinite)).isTrue();
        }
    }

    @Test
    void kernelsDescribeThemselves() {
        for (Kernel k : catalogue.rankedKernels()) {
            assertThat(k.description()).isNotBlank();
            assertThat(k.layout()).contains("output");
            for (DType d : k.dtypes()) {
                WorkFormulas f = k.formulas(d);
                for (String name : k.dimensionNames()) {
                    if (!name.equals("G") && !name.equals("STRIDE") && !name.equals("PAD")) {
                        assertThat(f.operations() + f.bytesRead() + f.bytesWritten())
                                .as("%s mentions %s", k.id(), name)
                                .contains(name);
                    }
                }
                assertThat(k.tolerance(d)).isNotNull();
            }
        }
        assertThat(catalogue.kernel("gemm").tolerance(DType.INT8)).isEqualTo(Tolerance.EXACT);
    }

    @Test
    void unknownKernelListsTheValidIds() {
        assertThatThrownBy(() -> catalogue.kernel("gemmm")).hasMessageContaining("unknown kernel 'gemmm'");
    }

    @Test
    void conv2dRejectsAnEmptyOutputAndAcceptsZeroPadding() {
        Kernel conv = catalogue.kernel("conv2d");
        Shape noPad = Shape.of("conv2d", "N", 1, "C", 1, "H", 3, "W", 3, "K", 1, "R", 3, "S", 3, "STRIDE", 1, "PAD", 0);
        conv.validate(noPad);
        assertThat(conv.work(noPad, DType.FP32).bytesWritten()).isEqualTo(4);
        Shape tooSmall =
                Shape.of("conv2d", "N", 1, "C", 1, "H", 2, "W", 3, "K", 1, "R", 3, "S", 3, "STRIDE", 1, "PAD", 0);
        assertThatThrownBy(() -> conv.validate(tooSmall))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P=(H+2*PAD-R)/STRIDE+1 <= 0")
                .hasMessageContaining("R=3");
        Shape narrow =
                Shape.of("conv2d", "N", 1, "C", 1, "H", 3, "W", 1, "K", 1, "R", 3, "S", 3, "STRIDE", 1, "PAD", 0);
        assertThatThrownBy(() -> conv.inputs(narrow, DType.FP32, 1)).hasMessageContaining("Q=");
        Shape negativePad =
                Shape.of("conv2d", "N", 1, "C", 1, "H", 3, "W", 3, "K", 1, "R", 3, "S", 3, "STRIDE", 1, "PAD", -1);
        assertThatThrownBy(() -> conv.validate(negativePad)).hasMessageContaining("PAD must be >= 0");
    }

    @Test
    void shapesWithMissingOrZeroDimensionsAreRejected() {
        Kernel gemm = catalogue.kernel("gemm");
        assertThatThrownBy(() -> gemm.validate(Shape.of("gemm", "M", 2, "N", 2)))
                .hasMessageContaining("gemm needs dimensions [M, N, K]");
        assertThatThrownBy(() -> gemm.inputs(Shape.of("gemm", "M", 2, "N", 0, "K", 2), DType.FP32, 1))
                .hasMessageContaining("dimension N must be >= 1");
        assertThatThrownBy(() -> gemm.validate(Shape.of("gemm", "M", 65536, "N", 65536, "K", 2)))
                .hasMessageContaining("tensor C would have 4294967296 elements");
    }

    @Test
    void shapeFileErrorsNameTheLine() {
        assertThatThrownBy(() ->
                        KernelCatalogue.parseShapes(new BufferedReader(new StringReader("# c\ngemm,S,x,M=1;N=2;K\n"))))
                .hasMessageContaining("line 2")
                .hasMessageContaining("bad dimension 'K'");
        List<Shape> ok = parseUnchecked("gemm,M,sq,M=1;N=2;K=3\n");
        assertThat(ok.get(0).dims())
                .containsExactly(java.util.Map.entry("M", 1), java.util.Map.entry("N", 2), java.util.Map.entry("K", 3));
    }

    private static List<Shape> parseUnchecked(String text) {
        try {
            return KernelCatalogue.parseShapes(new BufferedReader(new StringReader(text)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
