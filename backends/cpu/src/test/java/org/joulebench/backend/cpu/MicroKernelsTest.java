package org.joulebench.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MicroKernelsTest {
    private static final int NR = Simd.NR;

    /** Every row count a strip can have, overwriting and accumulating, against a plain triple loop. */
    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void aStripOfAnyHeightIsTheProductOfItsOperands(int rows) {
        int kc = 37, lda = Simd.MR, ldb = NR, ldc = NR + 5, aOff = 4, bOff = 7, cOff = 9;
        assumeTrue(rows <= Simd.MR, "strips are at most MR rows");
        Random rnd = new Random(rows);
        float[] a = random(rnd, aOff + kc * lda), b = random(rnd, bOff + kc * ldb);
        float[] before = random(rnd, cOff + rows * ldc);
        double[] product = new double[before.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < NR; j++) {
                for (int p = 0; p < kc; p++) {
                    product[cOff + r * ldc + j] += (double) a[aOff + p * lda + r] * b[bOff + p * ldb + j];
                }
            }
        }
        float[] accumulated = before.clone(), overwritten = before.clone();
        MicroKernels.strip(rows, a, aOff, b, bOff, accumulated, cOff, ldc, kc, true);
        MicroKernels.strip(rows, a, aOff, b, bOff, overwritten, cOff, ldc, kc, false);
        for (int i = 0; i < before.length; i++) {
            int r = (i - cOff) / ldc, j = (i - cOff) % ldc;
            boolean inTile = i >= cOff && r < rows && j < NR;
            double expectAcc = inTile ? before[i] + product[i] : before[i];
            double expectOver = inTile ? product[i] : before[i];
            assertThat((double) accumulated[i]).as("accumulated %d", i).isCloseTo(expectAcc, within(1e-4));
            assertThat((double) overwritten[i]).as("overwritten %d", i).isCloseTo(expectOver, within(1e-4));
        }
    }

    @Test
    void kernelsComeIn12_8_6_4_2_1Rows() {
        assertThat(MicroKernels.rowsOfKernel(1)).isEqualTo(1);
        assertThat(MicroKernels.rowsOfKernel(3)).isEqualTo(2);
        assertThat(MicroKernels.rowsOfKernel(5)).isEqualTo(4);
        assertThat(MicroKernels.rowsOfKernel(7)).isEqualTo(6);
        assertThat(MicroKernels.rowsOfKernel(11)).isEqualTo(Simd.MR >= 8 ? 8 : 6);
        assertThat(MicroKernels.rowsOfKernel(12)).isEqualTo(Simd.MR);
    }

    @Test
    void refusesARowCountWithoutAKernel() {
        assertThatThrownBy(() -> MicroKernels.run(3, new float[0], 0, new float[0], 0, new float[0], 0, 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 rows");
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 2 - 1;
        }
        return v;
    }
}
