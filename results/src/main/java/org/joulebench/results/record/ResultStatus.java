package org.joulebench.results.record;

/** How a result ended. Only {@link #OK} results are timed figures anyone may rank. */
public enum ResultStatus {
    /** Verified against the reference, then measured. */
    OK,
    /** The output did not match the reference: never timed, never ranked. */
    VERIFICATION_FAILED,
    /** Preparing, verifying or timing threw or crashed; {@code failure} says what. */
    ERROR
}
