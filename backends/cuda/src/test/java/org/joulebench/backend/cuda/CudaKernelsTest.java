package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.junit.jupiter.api.Test;

/** Each spec against the catalogue (tensor names, output) and against its PTX entry (parameter types). */
class CudaKernelsTest {
    private static final Map<String, Shape> SMALL = Map.ofEntries(
            Map.entry("noop", Shape.of("noop", "N", 10)),
            Map.entry("triad", Shape.of("triad", "N", 1000)),
            Map.entry("gelu", Shape.of("gelu", "N", 1000)),
            Map.entry("silu", Shape.of("silu", "N", 1000)),
            Map.entry("softmax", Shape.of("softmax", "R", 7, "C", 300)),
            Map.entry("layernorm", Shape.of("layernorm", "R", 7, "C", 300)),
            Map.entry("rmsnorm", Shape.of("rmsnorm", "R", 7, "C", 300)),
            Map.entry("gemv", Shape.of("gemv", "M", 70, "K", 33)),
            Map.entry("gemm", Shape.of("gemm", "M", 65, "N", 129, "K", 33)),
            Map.entry("qgemv", Shape.of("qgemv", "M", 70, "K", 64, "G", 32)),
            Map.entry(
                    "conv2d",
                    Shape.of("conv2d", "N", 2, "C", 3, "H", 9, "W", 7, "K", 5, "R", 3, "S", 3, "STRIDE", 1, "PAD", 1)),
            Map.entry("attention", Shape.of("attention", "B", 1, "H", 2, "L", 17, "D", 8)),
            Map.entry("attention-causal", Shape.of("attention-causal", "B", 1, "H", 2, "L", 17, "D", 8)));

    private static KernelInputs inputs(CudaKernelSpec spec) {
        var kernel = KernelCatalogue.standard().kernel(spec.kernelId());
        return kernel.inputs(SMALL.get(spec.kernelId()), spec.dtype(), 42);
    }

    @Test
    void everySpecNamesTheCataloguesInputTensorsInOrder() {
        for (CudaKernelSpec spec : CudaKernels.all()) {
            KernelInputs in = inputs(spec);
            assertThat(List.copyOf(in.tensors().keySet()))
                    .as(spec.kernelId() + "/" + spec.dtype().id())
                    .containsExactlyElementsOf(spec.inputNames());
        }
    }

    @Test
    void everySpecMatchesItsPtxEntryParameterByParameterForEveryTargetItRunsOn() throws IOException {
        for (CudaKernelSpec spec : CudaKernels.all())
            for (int target : PtxTargets.TARGETS) {
                if (target < spec.minimumTarget()) {
                    assertThat(read(spec.ptxResource(target)))
                            .as(spec.function() + " is not built for " + target)
                            .doesNotContain(".entry " + spec.function() + "(");
                    continue;
                }
                String ptx = read(spec.ptxResource(target));
                assertThat(ptx).contains(".target sm_" + target);
                List<String> params = entryParams(ptx, spec.function());
                List<String> expected = new ArrayList<>();
                if (!spec.passThrough()) {
                    expected.add(".u64"); // output pointer
                    spec.inputNames().forEach(n -> expected.add(".u64"));
                    for (Number n : spec.scalars().of(inputs(spec))) {
                        expected.add(
                                switch (n) {
                                    case Integer i -> ".u32";
                                    case Long l -> ".u64";
                                    case Float f -> ".f32";
                                    default -> "?" + n.getClass();
                                });
                    }
                }
                assertThat(params).as(spec.function()).containsExactlyElementsOf(expected);
            }
    }

    @Test
    void blockSizesRespectTheEntriesLaunchBounds() throws IOException {
        for (CudaKernelSpec spec : CudaKernels.all()) {
            Matcher m = Pattern.compile("\\.entry " + spec.function() + "\\([^)]*\\)\\s*\\.maxntid (\\d+)")
                    .matcher(read(spec.ptxResource(PtxTargets.TARGETS.getLast())));
            if (m.find()) {
                assertThat(spec.geometry().of(inputs(spec)).blockX())
                        .as(spec.function())
                        .isEqualTo(Integer.parseInt(m.group(1)));
            }
        }
    }

    @Test
    void theGpuSetIsWhatTheProviderAdvertises() {
        assertThat(CudaKernels.supported())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "noop/fp32",
                        "triad/fp32",
                        "gelu/fp32",
                        "silu/fp32",
                        "softmax/fp32",
                        "layernorm/fp32",
                        "rmsnorm/fp32",
                        "gemv/fp32",
                        "gemm/fp32",
                        "gemm/fp16",
                        "gemm/bf16",
                        "gemm/int8",
                        "qgemv/int8",
                        "qgemv/int4",
                        "conv2d/fp32",
                        "attention/fp32",
                        "attention-causal/fp32");
    }

    @Test
    void outputBytesFollowTheOutputsStorageType() {
        var gemm = CudaKernels.find("gemm", org.joulebench.kernels.DType.BF16).orElseThrow();
        assertThat(CudaBackend.outputBytes(inputs(gemm))).isEqualTo(4L * 65 * 129);
        var int8 = CudaKernels.find("gemm", org.joulebench.kernels.DType.INT8).orElseThrow();
        assertThat(inputs(int8).outputType()).isEqualTo(org.joulebench.kernels.ElementType.I32);
        assertThat(CudaBackend.outputBytes(inputs(int8))).isEqualTo(4L * 65 * 129);
    }

    static List<String> entryParams(String ptx, String function) {
        Matcher m = Pattern.compile("\\.entry " + Pattern.quote(function) + "\\(([^)]*)\\)")
                .matcher(ptx);
        assertThat(m.find()).as("entry " + function).isTrue();
        List<String> types = new ArrayList<>();
        Matcher p = Pattern.compile("\\.param\\s+(\\.\\w+)").matcher(m.group(1));
        while (p.find()) {
            types.add(p.group(1));
        }
        return types;
    }

    static String read(String resource) throws IOException {
        try (InputStream in = CudaKernelsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
