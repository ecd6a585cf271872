package dev.agentmeter;

/** Starting failed for a reason the user can fix; the message says which, in one line. */
public final class StartupFailure extends Exception {

    private static final long serialVersionUID = 1L;

    StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
