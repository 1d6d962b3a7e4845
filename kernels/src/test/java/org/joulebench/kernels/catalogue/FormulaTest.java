package org.joulebench.kernels.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulaTest {
    private static final Map<String, Integer> DIMS = Map.of("M", 3, "K", 7, "G", 2, "N", 5);

    @Test
    void precedenceParenthesesAndIntegerDivision() {
        assertThat(Formula.evaluate("2*M*N*K", DIMS)).isEqualTo(210);
        assertThat(Formula.evaluate("4*(M*K+K*N)", DIMS)).isEqualTo(4 * (21 + 35));
        assertThat(Formula.evaluate("M+K*N", DIMS)).isEqualTo(38);
        assertThat(Formula.evaluate("K/G", DIMS)).isEqualTo(3);
        assertThat(Formula.evaluate("N-M-1", DIMS)).isEqualTo(1);
    }

    @Test
    void ceilRoundsUp() {
        assertThat(Formula.evaluate("ceil(K/G)", DIMS)).isEqualTo(4);
        assertThat(Formula.evaluate("M*ceil(K/2)+4*M*ceil(K/G)", DIMS)).isEqualTo(3 * 4 + 4 * 3 * 4);
        assertThat(Formula.evaluate("ceil((K+1)/G)", DIMS)).isEqualTo(4);
        assertThat(Formula.evaluate("ceil(M*K/2)", DIMS)).isEqualTo(11);
    }

    @Test
    void whereDefinesDerivedNames() {
        Map<String, Integer> conv = Map.of("H", 5, "W", 6, "R", 3, "S", 2, "PAD", 1, "STRIDE", 2);
        assertThat(Formula.evaluate("P*Q where P=(H+2*PAD-R)/STRIDE+1, Q=(W+2*PAD-S)/STRIDE+1", conv))
                .isEqualTo(3 * 4);
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> Formula.evaluate("2*X", DIMS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown name X");
        assertThatThrownBy(() -> Formula.evaluate("2*(M", DIMS)).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Formula.evaluate("M/(G-2)", DIMS)).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> Formula.evaluate("M*4294967296*4294967296", DIMS))
                .isInstanceOf(ArithmeticException.class);
    }
}
