package org.joulebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path tmp;

    @Test
    void headersAreNumpysPaddedTo64Bytes() {
        byte[] h = Npy.header("<f4", new int[] {3, 5});
        assertThat(h.length % 64).isZero();
        String text = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
        assertThat(text)
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 5), }")
                .endsWith("\n");
        assertThat(new String(Npy.header("|u1", new int[] {7}), StandardCharsets.US_ASCII))
                .contains("(7,)");
    }

    @Test
    void everyElementTypeRoundTrips() throws Exception {
        Tensor[] ts = {
            Tensor.f32("a", new float[] {1.5f, -2f, 3f}, 3),
            new Tensor("h", ElementType.F16, new int[] {2}, new short[] {0x3c00, (short) 0xc000}),
            new Tensor("b", ElementType.BF16, new int[] {1, 2}, new short[] {0x3f80, 0x4000}),
            new Tensor("i", ElementType.I8, new int[] {2, 2}, new byte[] {1, -2, 3, -4}),
            new Tensor("q", ElementType.I4_PACKED, new int[] {2, 3}, new byte[] {0x21, 0x03, 0x54, 0x06}),
            new Tensor("c", ElementType.I32, new int[] {2}, new int[] {7, -9}),
        };
        for (Tensor t : ts) {
            Path f = tmp.resolve(t.name() + ".npy");
            Npy.write(f, t);
            assertThat(Npy.read(f, t.name(), t.type(), t.dims(), t.name())).isEqualTo(t);
        }
        assertThat(Npy.readHeader(tmp.resolve("q.npy"), "q").shape()).containsExactly(2, 2);
    }

    @Test
    void wrongTypeShapeAndTruncationAreNamed() throws Exception {
        Path f = tmp.resolve("y.npy");
        Npy.write(f, Tensor.f32("y", new float[6], 2, 3));
        assertThatThrownBy(() -> Npy.read(f, "y", ElementType.I32, new int[] {2, 3}, "out"))
                .hasMessage("out: descr '<f4', expected '<i4'");
        assertThatThrownBy(() -> Npy.read(f, "y", ElementType.F32, new int[] {3, 2}, "out"))
                .hasMessage("out: shape (2, 3), expected (3, 2)");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 4));
        assertThatThrownBy(() -> Npy.read(f, "y", ElementType.F32, new int[] {2, 3}, "out"))
                .hasMessage("out: truncated, 20 of 24 data bytes");
        Files.writeString(f, "not numpy");
        assertThatThrownBy(() -> Npy.read(f, "y", ElementType.F32, new int[] {2, 3}, "out"))
                .hasMessageContaining("not a .npy file");
    }
}
