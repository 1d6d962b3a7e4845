package org.joulebench.results.names;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names that only look alike: one name must not pass for another on the leaderboard. Two tools, after
 * Unicode's security mechanisms (UTS #39), without a confusables table of our own beyond the letters
 * that matter in practice:
 *
 * <ul>
 *   <li>{@link #problem}: a name with an invisible character (zero-width space, joiners, soft hyphen,
 *       variation selectors, Hangul fillers, tags) or a word that mixes scripts (a Cyrillic {@code а} among
 *       Latin letters) is refused outright;
 *   <li>{@link #skeleton}: what a name looks like — compatibility-normalized (full-width and mathematical
 *       letters become plain), accents dropped, case folded, Cyrillic and Greek letters that look Latin
 *       mapped to the Latin letter, {@code I}, {@code l}, {@code 1} and {@code |} to one letter, {@code 0}
 *       to {@code o}, {@code rn} to {@code m}, {@code vv} to {@code w}, spaces and punctuation dropped. Two
 *       different names with the same skeleton look alike.
 * </ul>
 */
public final class LookAlikes {
    private LookAlikes() {}

    /** Scripts that may share a word (UTS #39 "highly restrictive": Latin with the CJK scripts). */
    private static final Set<Set<Character.UnicodeScript>> ALLOWED_MIXES = Set.of(
            EnumSet.of(
                    Character.UnicodeScript.LATIN,
                    Character.UnicodeScript.HAN,
                    Character.UnicodeScript.HIRAGANA,
                    Character.UnicodeScript.KATAKANA),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.BOPOMOFO),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL));

    /** Capital letters of other scripts that look like a Latin capital (mapped before case folding). */
    private static final Map<Integer, Character> UPPER = Map.ofEntries(
            // Cyrillic
            Map.entry(0x0410, 'a'),
            Map.entry(0x0412, 'b'),
            Map.entry(0x0415, 'e'),
            Map.entry(0x041A, 'k'),
            Map.entry(0x041C, 'm'),
            Map.entry(0x041D, 'h'),
            Map.entry(0x041E, 'o'),
            Map.entry(0x0420, 'p'),
            Map.entry(0x0421, 'c'),
            Map.entry(0x0422, 't'),
            Map.entry(0x0423, 'y'),
            Map.entry(0x0425, 'x'),
            Map.entry(0x0405, 's'),
            Map.entry(0x0406, 'l'),
            Map.entry(0x0408, 'j'),
            Map.entry(0x051A, 'q'),
            Map.entry(0x051C, 'w'),
            // Greek
            Map.entry(0x0391, 'a'),
            Map.entry(0x0392, 'b'),
            Map.entry(0x0395, 'e'),
            Map.entry(0x0396, 'z'),
            Map.entry(0x0397, 'h'),
            Map.entry(0x0399, 'l'),
            Map.entry(0x039A, 'k'),
            Map.entry(0x039C, 'm'),
            Map.entry(0x039D, 'n'),
            Map.entry(0x039F, 'o'),
            Map.entry(0x03A1, 'p'),
            Map.entry(0x03A4, 't'),
            Map.entry(0x03A5, 'y'),
            Map.entry(0x03A7, 'x'));

    /** Small letters (after case folding) that look like a Latin small letter. */
    private static final Map<Integer, Character> LOWER = Map.ofEntries(
            // Cyrillic
            Map.entry(0x0430, 'a'),
            Map.entry(0x0435, 'e'),
            Map.entry(0x043E, 'o'),
            Map.entry(0x0440, 'p'),
            Map.entry(0x0441, 'c'),
            Map.entry(0x0443, 'y'),
            Map.entry(0x0445, 'x'),
            Map.entry(0x0455, 's'),
            Map.entry(0x0456, 'l'),
            Map.entry(0x0458, 'j'),
            Map.entry(0x04BB, 'h'),
            Map.entry(0x0501, 'd'),
            Map.entry(0x051B, 'q'),
            Map.entry(0x051D, 'w'),
            Map.entry(0x04CF, 'l'),
            // Greek
            Map.entry(0x03B1, 'a'),
            Map.entry(0x03B5, 'e'),
            Map.entry(0x03B9, 'l'),
            Map.entry(0x03BA, 'k'),
            Map.entry(0x03BD, 'v'),
            Map.entry(0x03BF, 'o'),
            Map.entry(0x03C1, 'p'),
            Map.entry(0x03C5, 'u'),
            Map.entry(0x03C7, 'x'),
            // Latin letters without a decomposition
            Map.entry(0x0131, 'l'), // dotless i
            Map.entry(0x0142, 'l'), // l with stroke
            Map.entry(0x00F8, 'o'), // o with stroke
            Map.entry(0x0111, 'd'), // d with stroke
            Map.entry(0x0127, 'h'), // h with stroke
            Map.entry(0x0261, 'g'), // script g
            // the letters and signs that look like an upright stroke, and zero
            Map.entry((int) 'i', 'l'),
            Map.entry((int) '1', 'l'),
            Map.entry((int) '|', 'l'),
            Map.entry((int) '0', 'o'));

    /** Whether {@code cp} is invisible: a format character or a default-ignorable code point. */
    static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT // zero-width space/joiners, soft hyphen, bidi marks, BOM, tags
                || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
                || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x180B && cp <= 0x180F) // Mongolian free variation selectors, vowel separator
                || cp == 0x034F // combining grapheme joiner
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x3164
                || cp == 0xFFA0 // Hangul fillers
                || cp == 0x2800; // braille blank
    }

    /**
     * Why {@code name} is refused as one that could pass for another (an invisible character, or a word
     * mixing scripts), with advice that is true for that problem; empty when it is not.
     */
    public static Optional<String> problem(String name) {
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (invisible(cp)) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "contains the invisible character U+%04X %s at index %d; remove it (an invisible"
                                + " character makes a name look like another one)",
                        cp,
                        Character.getName(cp),
                        i));
            }
            i += Character.charCount(cp);
        }
        for (String word : name.split("[^\\p{L}\\p{M}\\p{N}]+")) {
            Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
            int firstOther = -1;
            Character.UnicodeScript first = null;
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                Character.UnicodeScript s = Character.UnicodeScript.of(cp);
                if (s != Character.UnicodeScript.COMMON
                        && s != Character.UnicodeScript.INHERITED
                        && s != Character.UnicodeScript.UNKNOWN) {
                    if (first == null) {
                        first = s;
                    } else if (s != first && firstOther < 0) {
                        firstOther = cp;
                    }
                    scripts.add(s);
                }
                i += Character.charCount(cp);
            }
            if (scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(a -> a.containsAll(scripts))) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "mixes scripts in the word '%s' (%s; U+%04X %s is %s); write each word in one script"
                                + " (a letter from another script that looks like a Latin one makes a name look"
                                + " like another one)",
                        word,
                        scripts.stream().map(LookAlikes::scriptName).toList(),
                        firstOther,
                        Character.getName(firstOther),
                        scriptName(Character.UnicodeScript.of(firstOther))));
            }
        }
        return Optional.empty();
    }

    private static String scriptName(Character.UnicodeScript s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** What {@code name} looks like: names with equal skeletons are look-alikes (see the class comment). */
    public static String skeleton(String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder mapped = new StringBuilder();
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            if (invisible(cp)) {
                continue;
            }
            Character up = UPPER.get(cp);
            if (up != null) {
                mapped.append(up.charValue());
            } else {
                mapped.appendCodePoint(cp);
            }
        }
        String folded = Normalizer.normalize(mapped.toString(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            Character low = LOWER.get(cp);
            if (low != null) {
                out.append(low.charValue());
            } else if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString().replace("rn", "m").replace("vv", "w");
    }
}
