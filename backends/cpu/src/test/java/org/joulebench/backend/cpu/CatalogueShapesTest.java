package org.joulebench.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The backend as the harness opens it (through ServiceLoader) on every catalogue kernel at size S. */
class CatalogueShapesTest {
    private static Backend backend;

    @BeforeAll
    static void open() throws Exception {
        backend = Backends.find("cpu").orElseThrow().create();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void implementsExactlyTheCataloguesKernelDtypePairs() {
        Set<KernelVariant> catalogue = KernelCatalogue.standard().kernels().stream()
                .flatMap(k -> k.dtypes().stream().map(d -> new KernelVariant(k.id(), d)))
                .collect(Collectors.toSet());
        assertThat(catalogue).isNotEmpty();
        assertThat(backend.implementations(backend.devices().getFirst())
                        .getFirst()
                        .supported())
                .containsExactlyInAnyOrderElementsOf(catalogue);
    }

    static Stream<Arguments> smallShapes() {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        return catalogue.kernels().stream()
                .flatMap(k -> k.dtypes().stream().map(d -> Arguments.of(k.id(), d, catalogue.shape(k.id(), Size.S))));
    }

    @ParameterizedTest(name = "{0}/{1} {2}")
    @MethodSource("smallShapes")
    void matchesTheReferenceAtSizeS(String kernelId, DType dtype, Shape shape) throws Exception {
        Kernel kernel = KernelCatalogue.standard().kernel(kernelId);
        KernelInputs inputs = kernel.inputs(shape, dtype, 7);
        try (PreparedKernel prepared =
                backend.prepare(kernel, inputs, backend.devices().getFirst())) {
            prepared.run();
            VerificationResult result = kernel.verify(inputs, prepared.output());
            assertThat(result.passed())
                    .as("%s/%s %s: %s", kernelId, dtype.id(), shape.dimsText(), result)
                    .isTrue();
        }
    }
}
