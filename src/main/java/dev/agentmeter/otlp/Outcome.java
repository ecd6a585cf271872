package dev.agentmeter.otlp;

/** What became of an export request: accepted (perhaps in part), or refused as a whole. */
sealed interface Outcome {

    /** Accepted; {@code rejected} items were refused, and {@code errorMessage} says why (empty when none). */
    record Accepted(long rejected, String errorMessage) implements Outcome {
    }

    /**
     * Refused as a whole: nothing of it was recorded. {@code retryAfterSeconds} is positive when the sender
     * should try again later (429, 503), 0 otherwise.
     */
    record Refused(int httpStatus, int rpcCode, String message, long retryAfterSeconds) implements Outcome {
    }
}
