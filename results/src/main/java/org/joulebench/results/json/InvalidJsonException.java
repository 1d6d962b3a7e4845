package org.joulebench.results.json;

/**
 * A JSON file that must not be used: malformed, wrong type, unknown or missing field, out-of-range
 * value, unsafe name. The message names the file, the JSON path of the field and the problem.
 */
public final class InvalidJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String jsonPath;
    private final String problem;

    public InvalidJsonException(String source, String jsonPath, String problem) {
        this(source, jsonPath, problem, null);
    }

    public InvalidJsonException(String source, String jsonPath, String problem, Throwable cause) {
        super(source + ": " + jsonPath + ": " + problem, cause);
        this.source = source;
        this.jsonPath = jsonPath;
        this.problem = problem;
    }

    /** The file (or other source) read. */
    public String source() {
        return source;
    }

    /** JSON path of the offending field, e.g. {@code $.results[0].energy}; {@code $} for the whole document. */
    public String jsonPath() {
        return jsonPath;
    }

    /** What is wrong, without the file and path. */
    public String problem() {
        return problem;
    }
}
