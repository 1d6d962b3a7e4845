package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;
import org.junit.jupiter.api.Test;

class ConformanceShapesTest {

    @Test
    void everyCatalogueKernelHasValidOddAndDegenerateShapesAndALeakShape() {
        for (Kernel k : KernelCatalogue.standard().kernels()) {
            List<Shape> odd = ConformanceShapes.odd(k);
            List<Shape> degenerate = ConformanceShapes.degenerate(k);
            assertThat(odd).as("odd shapes of %s", k.id()).isNotEmpty();
            assertThat(degenerate).as("degenerate shapes of %s", k.id()).isNotEmpty();
            assertThat(degenerate.getFirst().dims().values())
                    .as("the first degenerate shape of %s", k.id())
                    .allMatch(v -> v == 1);
            assertThat(degenerate)
                    .as("%s: degenerate shapes are not odd ones", k.id())
                    .doesNotContainAnyElementsOf(odd);
            for (Shape s : odd) {
                k.validate(s);
                assertThat(s.dims().values())
                        .as("%s %s: some dim is odd and above 1", k.id(), s.dimsText())
                        .anyMatch(v -> v > 1 && v % 2 == 1);
            }
            degenerate.forEach(k::validate);
            k.validate(ConformanceShapes.leak(k));
        }
    }

    @Test
    void degenerateShapesSetEachDimToOneInTurn() {
        Kernel gemm = KernelCatalogue.standard().kernel("gemm");
        assertThat(ConformanceShapes.degenerate(gemm))
                .extracting(Shape::dimsText)
                .containsExactly("M=1,N=1,K=1", "M=1,N=13,K=17", "M=7,N=1,K=17", "M=7,N=13,K=1");
        Kernel conv = KernelCatalogue.standard().kernel("conv2d");
        assertThat(ConformanceShapes.degenerate(conv))
                .extracting(Shape::dimsText)
                .contains("N=1,C=1,H=1,W=1,K=1,R=1,S=1,STRIDE=1,PAD=1", "N=1,C=1,H=1,W=1,K=1,R=1,S=1,STRIDE=1,PAD=0");
    }

    @Test
    void aKernelTheTableDoesNotKnowGetsPrimeShapesFromItsDimensions() {
        Kernel triad = KernelCatalogue.standard().kernel("triad");
        Kernel unknown = new Kernel() {
            @Override
            public String id() {
                return "future-kernel";
            }

            @Override
            public String description() {
                return "";
            }

            @Override
            public List<String> dimensionNames() {
                return List.of("A", "B");
            }

            @Override
            public Set<DType> dtypes() {
                return Set.of(DType.FP32);
            }

            @Override
            public String layout() {
                return "";
            }

            @Override
            public WorkFormulas formulas(DType dtype) {
                return triad.formulas(dtype);
            }

            @Override
            public WorkCounts work(Shape shape, DType dtype) {
                return null;
            }

            @Override
            public KernelInputs inputs(Shape shape, DType dtype, long seed) {
                return null;
            }

            @Override
            public double[] reference(KernelInputs inputs) {
                return new double[0];
            }

            @Override
            public Tolerance tolerance(DType dtype) {
                return triad.tolerance(dtype);
            }
        };
        assertThat(ConformanceShapes.odd(unknown)).extracting(Shape::dimsText).containsExactly("A=7,B=13");
        assertThat(ConformanceShapes.degenerate(unknown))
                .extracting(Shape::dimsText)
                .containsExactly("A=1,B=1", "A=1,B=13", "A=7,B=1");
    }
}
