package dev.agentmeter.mcp.stateless;

import java.util.Map;

/**
 * What the front end answers one request with: a result (to which it adds the fields every 2026-07-28 result
 * carries), or a JSON-RPC error together with the HTTP status the Streamable HTTP binding gives it.
 */
public sealed interface Answer permits Answer.Result, Answer.Error {

    /** A result: the method's own fields. */
    record Result(Map<String, Object> fields) implements Answer {
    }

    /**
     * A JSON-RPC error; {@code data} is left out when null. {@code httpStatus} is 400 for a request the
     * specification says to refuse as malformed (meta, version, headers), 404 for an unknown method, else 200.
     */
    record Error(int code, String message, Object data, int httpStatus) implements Answer {

        /** The name OpenTelemetry's {@code error.type} gives it: the JSON-RPC code, as a string. */
        public String type() {
            return Integer.toString(code);
        }
    }

    static Error invalidParams(String message) {
        return new Error(ModernProtocol.INVALID_PARAMS, message, null, 200);
    }

    static Error malformed(int code, String message, Object data) {
        return new Error(code, message, data, 400);
    }
}
