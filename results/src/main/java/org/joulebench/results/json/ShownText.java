package org.joulebench.results.json;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every string of a run record or system description may end up on the site, in a CSV download, in a
 * figure or in a terminal. Control characters (C0, DEL, C1), line and paragraph separators and
 * text-direction overrides have no place in any of them: they reorder or hide what is shown and start
 * formulas and escape sequences elsewhere. Free-text fields (warnings, messages, notes) may hold a TAB or
 * a line feed, nothing else of the kind; every other field and every key holds none.
 */
final class ShownText {
    /** Field names whose values are prose written by the harness: line breaks and tabs are allowed there. */
    static final Set<String> FREE_TEXT = Set.of(
            "warnings",
            "message",
            "notes",
            "reason",
            "description",
            "selection",
            "source",
            "batchRule",
            "error",
            "failure",
            "energyUnavailableReason");

    private ShownText() {}

    /** Throws {@link InvalidJsonException} naming the first field that holds a refused character. */
    static void requireClean(String source, JsonNode tree) {
        walk(source, tree, "$", false);
    }

    private static void walk(String source, JsonNode node, String path, boolean freeText) {
        if (node.isString()) {
            check(source, path, node.asString(), freeText, "");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                // a key is named by its object's path: the key itself may be what cannot be printed
                check(source, path, e.getKey(), false, "a key ");
                walk(source, e.getValue(), path + "." + e.getKey(), FREE_TEXT.contains(e.getKey()));
            }
        } else if (node.isArray()) {
            int i = 0;
            for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext(); i++) {
                walk(source, it.next(), path + "[" + i + "]", freeText);
            }
        }
    }

    private static void check(String source, String path, String s, boolean freeText, String what) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (refused(cp) && !(freeText && (cp == '\t' || cp == '\n'))) {
                throw new InvalidJsonException(
                        source,
                        path,
                        String.format(
                                "%scontains the control character U+%04X at index %d (control, line-separator and"
                                        + " text-direction characters are refused in every shown field)",
                                what, cp, i));
            }
            i += Character.charCount(cp);
        }
    }

    static boolean refused(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E
                || cp == 0x200F
                || cp == 0x061C;
    }
}
