package org.joulebench.harness.energy.ptd;

import java.io.IOException;

/** The meter refused, replied with garbage or an error, or went away; the message says which. */
public class PtdException extends IOException {
    private static final long serialVersionUID = 1L;

    public PtdException(String message) {
        super(message);
    }

    public PtdException(String message, Throwable cause) {
        super(message, cause);
    }
}
