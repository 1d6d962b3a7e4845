package org.joulebench.results.names;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Display names (submitter, system) and the folder slugs made from them.
 *
 * <p>A display name is shown as text and may contain anything printable, markup included ({@code
 * <script>} is just text to the site, which escapes it). It must not contain path syntax ({@code /},
 * {@code \}, {@code ..}) or control/line-separator/bidi-override characters, which have no business in a
 * name and are the usual tools of path traversal and display spoofing.
 */
public final class DisplayNames {
    /** Longest slug, in characters. */
    public static final int MAX_SLUG_LENGTH = 64;

    private DisplayNames() {}

    /**
     * Why {@code name} is not an acceptable display name, with what to do about it (each message's advice
     * is about its own problem), or empty when it is acceptable.
     */
    public static Optional<String> displayNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is empty; write the name");
        }
        if (name.length() > 200) {
            return Optional.of("is longer than 200 characters; shorten it");
        }
        if (name.contains("..")) {
            return Optional.of("contains '..' (path syntax is not allowed in names); write it without '..'");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("contains a slash (path syntax is not allowed in names); write it without '/' and '\\'");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int type = Character.getType(cp);
            boolean bidiOverride = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
            if (type == Character.CONTROL
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED
                    || type == Character.SURROGATE
                    || bidiOverride) {
                return Optional.of(String.format(
                        "contains the control character U+%04X at index %d; remove it (control, line-separator"
                                + " and text-direction characters change how a name is shown)",
                        cp, i));
            }
            i += Character.charCount(cp);
        }
        return LookAlikes.problem(name);
    }

    /**
     * The folder slug of a display name: lower-case {@code [a-z0-9-]}, at most {@value #MAX_SLUG_LENGTH}
     * characters, never empty, never {@code .} or {@code ..}. Accents are folded ({@code Café} →
     * {@code cafe}); a name with no Latin letters or digits gets {@code x-} plus a hash of the name, so
     * distinct names stay distinct.
     */
    public static String slug(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        String slug = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = slug.substring(0, MAX_SLUG_LENGTH).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "x-" + sha256Hex(name.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        }
        return slug;
    }

    /** Whether {@code s} is already a well-formed slug. */
    public static boolean isSlug(String s) {
        return s.length() <= MAX_SLUG_LENGTH && s.matches("[a-z0-9]+(-[a-z0-9]+)*");
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
