package org.joulebench.site;

import java.util.List;

/** RFC 4180 CSV writing for the site's downloads and figure data. */
final class Csv {
    private Csv() {}

    /** First characters a spreadsheet reads as the start of a formula (ASCII and full-width forms). */
    private static final String FORMULA_START = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    /**
     * One CSV field, quoted when needed. A text that a spreadsheet could run as a formula is prefixed with
     * {@code '}: one starting with {@code = + - @} (or their full-width forms), with a TAB, CR or LF, or with
     * blanks or control characters before any of those.
     */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!(value instanceof Number) && formulaLeading(s)) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static boolean formulaLeading(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        if (first == '\t' || first == '\r' || first == '\n') {
            return true;
        }
        int i = 0;
        while (i < s.length()
                && (Character.isWhitespace(s.charAt(i))
                        || Character.isSpaceChar(s.charAt(i))
                        || Character.isISOControl(s.charAt(i))
                        || Character.getType(s.charAt(i)) == Character.FORMAT)) {
            i++;
        }
        return i < s.length() && FORMULA_START.indexOf(s.charAt(i)) >= 0;
    }

    static String line(List<?> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(values.get(i)));
        }
        return b.append('\n').toString();
    }
}
