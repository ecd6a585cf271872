package dev.agentmeter.operations;

/** The machine-readable {@code error.code} values of the error envelope. */
public enum ErrorCode {
    INVALID_ARGUMENT("invalid_argument"),
    NOT_FOUND("not_found"),
    METHOD_NOT_ALLOWED("method_not_allowed"),
    FORBIDDEN("forbidden"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    PAYLOAD_TOO_LARGE("payload_too_large"),
    UNAVAILABLE("unavailable"),
    INTERNAL_ERROR("internal_error"),
    UNAUTHORIZED("unauthorized"),
    RATE_LIMITED("rate_limited");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code as it appears in JSON. */
    public String wireName() {
        return wireName;
    }
}
