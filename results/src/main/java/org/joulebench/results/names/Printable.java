package org.joulebench.results.names;

/**
 * Text from others (file names, meter replies, record fields) made safe for a terminal and a record: C0
 * and C1 control characters, DEL, line and paragraph separators, text-direction overrides and other
 * invisible format characters become {@code \\uXXXX}, so no escape sequence reaches a terminal and nothing
 * hides or reorders what is shown. Everything else is kept as written.
 */
public final class Printable {
    private Printable() {}

    /** {@code text} with every unsafe character written as {@code \\uXXXX}; {@code null} stays {@code null}. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (unsafe(cp)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                if (cp > 0xFFFF) {
                    sb.append(String.format(
                            "\\u%04X\\u%04X", (int) Character.highSurrogate(cp), (int) Character.lowSurrogate(cp)));
                } else {
                    sb.append(String.format("\\u%04X", cp));
                }
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? text : sb.toString();
    }

    /** Whether {@code cp} must not be shown as is. */
    public static boolean unsafe(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE // unpaired
                || type == Character.UNASSIGNED;
    }
}
