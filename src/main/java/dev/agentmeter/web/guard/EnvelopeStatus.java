package dev.agentmeter.web.guard;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;

/** The HTTP status that goes with an envelope: 200 for success, the error code's status otherwise. */
public final class EnvelopeStatus {

    private EnvelopeStatus() {
    }

    public static int of(Envelope envelope) {
        return envelope instanceof Envelope.Failure failure ? of(failure.code()) : 200;
    }

    public static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> 400;
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case METHOD_NOT_ALLOWED -> 405;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case UNAVAILABLE -> 503;
            case INTERNAL_ERROR -> 500;
            case UNAUTHORIZED -> 401;
            case RATE_LIMITED -> 429;
        };
    }

    /** The error code for a status Jetty chose itself (a malformed request, a timeout, ...). */
    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL_ERROR;
        };
    }
}
