package org.joulebench.site;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The site's JSON mapper (Jackson 3: records and java.time supported out of the box). */
final class SiteJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private SiteJson() {}

    /**
     * JSON that is safe inside a classic {@code <script src>} file and inside HTML: {@code <}, {@code >},
     * {@code &}, U+2028 and U+2029 become {@code \\uXXXX} escapes (still the same JSON value).
     */
    static String scriptSafe(Object value) {
        String json = MAPPER.writeValueAsString(value);
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
