package dev.agentmeter.operations;

import java.util.Objects;

/**
 * The answer of every operation, over MCP and the JSON API alike:
 * {@code {"status":"success","data":...}} or {@code {"status":"error","error":{"code":...,"message":...}}}.
 */
public sealed interface Envelope permits Envelope.Success, Envelope.Failure {

    /** {@code "success"} or {@code "error"}, as in the JSON. */
    String status();

    boolean isError();

    /** A successful answer; {@code data} is a view record, a list of them, or a plain map. */
    record Success(Object data) implements Envelope {
        @Override
        public String status() {
            return "success";
        }

        @Override
        public boolean isError() {
            return false;
        }
    }

    /** A refused or failed operation, with a message meant for the caller (never internals). */
    record Failure(ErrorCode code, String message) implements Envelope {
        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String status() {
            return "error";
        }

        @Override
        public boolean isError() {
            return true;
        }
    }

    static Envelope success(Object data) {
        return new Success(data);
    }

    static Envelope invalidArgument(String message) {
        return new Failure(ErrorCode.INVALID_ARGUMENT, message);
    }

    static Envelope failure(ErrorCode code, String message) {
        return new Failure(code, message);
    }

    /** For an unexpected fault: the caller learns that it failed, the log learns why. */
    static Envelope internalError() {
        return new Failure(ErrorCode.INTERNAL_ERROR, "internal error; the server log has the details");
    }
}
