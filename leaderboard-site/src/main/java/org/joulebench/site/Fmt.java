package org.joulebench.site;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers for people: four significant digits, plain notation where it stays short. */
final class Fmt {
    private Fmt() {}

    static String num(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "–";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e7)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
