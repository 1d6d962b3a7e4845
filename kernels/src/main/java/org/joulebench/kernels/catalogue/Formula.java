package org.joulebench.kernels.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates the work formulas of the catalogue, so that the text a kernel exports (see {@link
 * org.joulebench.kernels.Kernel#formulas}) is exactly what {@link org.joulebench.kernels.Kernel#work}
 * computes. Grammar: integers, dimension names, {@code + - * /} (integer division, rounding down, as
 * in the layouts), parentheses and {@code ceil(a/b)}. A trailing {@code where X=expr, Y=expr} defines
 * derived names, e.g. {@code 2*N*K*P*Q*C*R*S where P=(H+2*PAD-R)/STRIDE+1, Q=(W+2*PAD-S)/STRIDE+1}.
 * Arithmetic is exact: an overflow of {@code long} is an error, never a wrong count.
 */
public final class Formula {
    private final String text;
    private final Map<String, Long> variables;
    private int pos;
    /** True while parsing the numerator of {@code ceil(a/b)}, whose top-level '/' belongs to ceil. */
    private boolean divisionEndsOperand;

    private Formula(String text, Map<String, Long> variables) {
        this.text = text;
        this.variables = variables;
    }

    /** The value of {@code formula} with the given dimension values. */
    public static long evaluate(String formula, Map<String, Integer> dims) {
        Map<String, Long> vars = new LinkedHashMap<>();
        dims.forEach((k, v) -> vars.put(k, v.longValue()));
        String main = formula;
        int where = formula.indexOf(" where ");
        if (where >= 0) {
            main = formula.substring(0, where);
            for (String def : formula.substring(where + " where ".length()).split(",")) {
                int eq = def.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("bad definition '" + def.strip() + "' in formula " + formula);
                }
                vars.put(def.substring(0, eq).strip(), new Formula(def.substring(eq + 1), vars).parseAll());
            }
        }
        return new Formula(main, vars).parseAll();
    }

    private long parseAll() {
        long value = sum();
        skipSpaces();
        if (pos != text.length()) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        return value;
    }

    private long sum() {
        long value = product();
        while (true) {
            skipSpaces();
            if (eat('+')) {
                value = Math.addExact(value, product());
            } else if (eat('-')) {
                value = Math.subtractExact(value, product());
            } else {
                return value;
            }
        }
    }

    private long product() {
        long value = atom();
        while (true) {
            skipSpaces();
            if (eat('*')) {
                value = Math.multiplyExact(value, atom());
            } else if (!divisionEndsOperand && eat('/')) {
                long divisor = atom();
                if (divisor == 0) {
                    throw error("division by zero");
                }
                value = Math.floorDiv(value, divisor);
            } else {
                return value;
            }
        }
    }

    private long atom() {
        skipSpaces();
        if (eat('(')) {
            boolean saved = divisionEndsOperand;
            divisionEndsOperand = false;
            long value = sum();
            divisionEndsOperand = saved;
            expect(')');
            return value;
        }
        if (eat('-')) {
            return Math.negateExact(atom());
        }
        int start = pos;
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            return Long.parseLong(text.substring(start, pos));
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "unexpected end");
        }
        String name = text.substring(start, pos);
        if (name.equals("ceil")) {
            expect('(');
            boolean saved = divisionEndsOperand;
            divisionEndsOperand = true;
            long numerator = sum();
            divisionEndsOperand = false;
            expect('/');
            long denominator = sum();
            divisionEndsOperand = saved;
            expect(')');
            if (denominator == 0) {
                throw error("division by zero");
            }
            return -Math.floorDiv(-numerator, denominator);
        }
        Long value = variables.get(name);
        if (value == null) {
            throw error("unknown name " + name + "; known: " + variables.keySet());
        }
        return value;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean eat(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!eat(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("formula '" + text.strip() + "' at " + pos + ": " + what);
    }
}
