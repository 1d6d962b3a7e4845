package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.joulebench.kernels.Size;
import org.junit.jupiter.api.Test;

/** When inputs rotate among copies so a memory-bound call reads DRAM, not the L2 its last call filled. */
class InputSetsTest {
    private static final long H100_L2 = 50L << 20;
    private static final long MIB = 1L << 20;

    @Test
    void qgemvInt4AtMOnAnH100RotatesAmongCopiesTwiceTheL2() {
        // M=K=4096, G=32: W 8 MiB packed, scales 2 MiB, x and y 16 KiB each
        long ws = 4096L * 2048 + 4096L * 128 * 4 + 4096 * 4 + 4096 * 4;
        InputSets sets = InputSets.choose(true, false, Size.M, ws, H100_L2);
        assertThat(sets.count()).isEqualTo(10);
        assertThat(sets.count() * ws).isGreaterThanOrEqualTo(2 * H100_L2);
        assertThat(sets.reason()).contains("rotate among 10 copies", "L2 50.0 MiB");
    }

    @Test
    void oneSetWhereTheCallAlreadyReadsDramOrIsNotMemoryBoundOrIsSizeS() {
        assertThat(InputSets.choose(true, false, Size.L, 100 * MIB, H100_L2).count())
                .isEqualTo(1);
        assertThat(InputSets.choose(true, false, Size.L, 99 * MIB, H100_L2).count())
                .isEqualTo(2);
        assertThat(InputSets.choose(false, false, Size.M, 8 * MIB, H100_L2).reason())
                .startsWith("one set: compute-bound");
        assertThat(InputSets.choose(true, false, Size.S, 8 * MIB, H100_L2).reason())
                .startsWith("one set: size S is in L2 by design");
        assertThat(InputSets.choose(true, true, Size.M, 8, H100_L2).count()).isEqualTo(1);
        assertThat(InputSets.choose(true, false, Size.M, 8 * MIB, 0).reason()).contains("did not report its L2");
    }

    @Test
    void aTinyWorkingSetIsCappedAtSixtyFourCopies() {
        assertThat(InputSets.choose(true, false, Size.M, 4096, H100_L2).count()).isEqualTo(InputSets.MAX_SETS);
    }
}
