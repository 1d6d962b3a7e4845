package org.joulebench.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheSizesTest {

    private static void entry(Path dir, int index, int level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }

    @Test
    void readsTheDataCachesOfASysfsDirectory(@TempDir Path dir) throws IOException {
        entry(dir, 0, 1, "Data", "48K");
        entry(dir, 1, 1, "Instruction", "32K");
        entry(dir, 2, 2, "Unified", "2048K");
        entry(dir, 3, 3, "Unified", "307200K");

        CacheSizes c = CacheSizes.read(dir);

        assertThat(c).isEqualTo(new CacheSizes(48 * 1024, 2048 * 1024, 307200L * 1024));
        assertThat(c.rowKernelMemoryBytes()).isEqualTo(150L << 20);
        // 12 × 256 fp32 = 12 KB = a quarter of 48 KB; 256 × 768 fp32 = 768 KB = 3/8 of 2 MB
        assertThat(c.gemmKc(12)).isEqualTo(256);
        assertThat(c.gemmNcMax(256, 32)).isEqualTo(768);
    }

    @Test
    void blocksScaleWithTheCachesAndStayInBounds() {
        CacheSizes small = new CacheSizes(32 * 1024, 1024 * 1024);
        assertThat(small.gemmKc(12)).isEqualTo(160); // 32 KB / 4 / 48 B = 170 → a multiple of 16
        assertThat(small.gemmNcMax(160, 32)).isEqualTo(608); // 384 KB / 640 B = 614 → a multiple of 32
        assertThat(new CacheSizes(1024, 4096).gemmKc(12)).isEqualTo(64);
        assertThat(new CacheSizes(1024, 4096).gemmNcMax(64, 32)).isEqualTo(32);
        assertThat(new CacheSizes(1 << 24, 1 << 30).gemmKc(6)).isEqualTo(1024);
    }

    @Test
    void fallsBackWhereNothingCanBeRead(@TempDir Path dir) {
        assertThat(CacheSizes.read(dir.resolve("absent"))).isEqualTo(CacheSizes.FALLBACK);
        assertThat(CacheSizes.FALLBACK.rowKernelMemoryBytes()).isEqualTo(16L << 20);
        assertThat(CacheSizes.parseSize("2M")).isEqualTo(2L * 1024 * 1024);
        assertThat(CacheSizes.parseSize("1024")).isEqualTo(1024L);
    }
}
