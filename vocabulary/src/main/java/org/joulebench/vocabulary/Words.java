package org.joulebench.vocabulary;

import java.util.Arrays;
import java.util.Locale;

/** Reading a vocabulary word: case-insensitive, the valid words in the error. */
final class Words {
    private Words() {}

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text != null) {
            String t = text.strip().toUpperCase(Locale.ROOT);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(t)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + text + "'; valid: "
                + Arrays.toString(type.getEnumConstants()));
    }
}
