package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.junit.jupiter.api.Test;

class LaunchGeometryTest {
    @Test
    void gridStrideCoversSmallProblemsExactlyAndCapsLargeOnes() {
        assertThat(LaunchGeometry.gridStride(1, 256, 65_536).gridX()).isEqualTo(1);
        assertThat(LaunchGeometry.gridStride(257, 256, 65_536).gridX()).isEqualTo(2);
        LaunchGeometry big = LaunchGeometry.gridStride(1L << 34, 256, 65_536);
        assertThat(big.gridX()).isEqualTo(65_536);
        assertThat(big.blocks() * big.blockX()).isLessThan(1L << 34); // the kernel's stride loop covers the rest
    }

    @Test
    void gemmTilesCoverTheWholeOutputIncludingRaggedEdges() {
        var spec = CudaKernels.find("gemm", DType.FP32).orElseThrow();
        var in = KernelCatalogue.standard()
                .kernel("gemm")
                .inputs(Shape.of("gemm", "M", 65, "N", 129, "K", 3), DType.FP32, 1);
        LaunchGeometry g = spec.geometry().of(in);
        assertThat(g.gridX()).isEqualTo(3); // ceil(129/64) column tiles
        assertThat(g.gridY()).isEqualTo(2); // ceil(65/64) row tiles
        assertThat(g.blockX()).isEqualTo(256);
    }

    @Test
    void softmaxLaunchesOneBlockPerRow() {
        var spec = CudaKernels.find("softmax", DType.FP32).orElseThrow();
        var in = KernelCatalogue.standard()
                .kernel("softmax")
                .inputs(Shape.of("softmax", "R", 123, "C", 5), DType.FP32, 1);
        assertThat(spec.geometry().of(in)).isEqualTo(new LaunchGeometry(123, 1, 256, 0));
    }

    @Test
    void tilesBeyondTheGridLimitAreRefusedWithTheSizes() {
        assertThatThrownBy(() -> LaunchGeometry.tiles(64L * 70_000, 64, 64, 64, 256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beyond CUDA's grid limits");
        assertThatThrownBy(() -> new LaunchGeometry(1, 1, 2048, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gemvLaunchesOneWarpPerRow() {
        var spec = CudaKernels.find("gemv", DType.FP32).orElseThrow();
        var in = KernelCatalogue.standard().kernel("gemv").inputs(Shape.of("gemv", "M", 17, "K", 5), DType.FP32, 1);
        LaunchGeometry g = spec.geometry().of(in);
        assertThat(g.blockX()).isEqualTo(256);
        assertThat(g.gridX()).isEqualTo(3); // 17 rows, 8 warps (rows) per block
    }
}
