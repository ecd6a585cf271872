package dev.agentmeter.web.guard;

import java.io.IOException;

/** A request body went past the limit while it was being read. */
public final class BodyTooLargeException extends IOException {

    private final int limitBytes;

    BodyTooLargeException(int limitBytes) {
        super("the request body is larger than " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public int limitBytes() {
        return limitBytes;
    }
}
