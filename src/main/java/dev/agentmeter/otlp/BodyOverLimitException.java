package dev.agentmeter.otlp;

import java.io.IOException;

/** A request body, as sent or as decompressed, went past the body limit while it was being read. */
final class BodyOverLimitException extends IOException {

    BodyOverLimitException(long limitBytes) {
        super("the request body is larger than " + limitBytes + " bytes");
    }
}
