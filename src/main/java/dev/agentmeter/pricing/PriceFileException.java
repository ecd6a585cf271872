package dev.agentmeter.pricing;

/**
 * A price file that cannot be used: unreadable, or malformed. The message is one line for the user, naming
 * the file, the line and what is wrong, e.g. {@code prices.csv line 7: input_per_mtok 'abc' is not a number}.
 */
public final class PriceFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public PriceFileException(String message) {
        super(message);
    }

    public PriceFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
