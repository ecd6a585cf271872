package dev.agentmeter.otlp;

import java.util.Locale;
import java.util.Optional;

/**
 * The two encodings of OTLP/HTTP, told apart by the request's {@code Content-Type}; the answer is written in
 * the request's own encoding, as the specification requires.
 */
enum Encoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String mediaType;

    Encoding(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type written on answers in this encoding. */
    String mediaType() {
        return mediaType;
    }

    /**
     * The encoding a {@code Content-Type} header names, or empty for any other type. JSON may say
     * {@code charset=utf-8} and nothing else: OTLP JSON is UTF-8.
     */
    static Optional<Encoding> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        for (Encoding encoding : values()) {
            if (encoding.mediaType.equals(type) && (encoding == PROTOBUF || onlyUtf8(parts))) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    private static boolean onlyUtf8(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (!parameter.isEmpty() && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}
