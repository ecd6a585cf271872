package dev.agentmeter.otlp;

/** A request body as read: its bytes, or why there are none. Expected trouble is a value, not an exception. */
sealed interface Body {

    /** The whole body, decompressed; empty when the request had none. */
    record Received(byte[] bytes) implements Body {
    }

    /** The body, as sent or once decompressed, went past the limit; the rest of it was left unread. */
    record TooLarge(long limitBytes) implements Body {
    }

    /** The body could not be read: the client broke off, or gzip data is corrupt. */
    record Unreadable(String reason) implements Body {
    }

    /** A {@code Content-Encoding} other than gzip or identity; nothing was read. */
    record UnsupportedEncoding(String encoding) implements Body {
    }
}
