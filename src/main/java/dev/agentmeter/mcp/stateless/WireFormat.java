package dev.agentmeter.mcp.stateless;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON-RPC lines of the front end: a response with its result or error, and a notification. One line each, so
 * the same text goes to stdout or into an HTTP body or SSE event.
 *
 * <p>Thread-safe (a configured Jackson mapper).
 */
final class WireFormat {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WireFormat() {
    }

    static String response(Object id, Answer answer) {
        var response = new LinkedHashMap<String, Object>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        if (answer instanceof Answer.Result result) {
            response.put("result", result.fields());
        } else {
            var failure = (Answer.Error) answer;
            var error = new LinkedHashMap<String, Object>();
            error.put("code", failure.code());
            error.put("message", failure.message());
            if (failure.data() != null) {
                error.put("data", failure.data());
            }
            response.put("error", error);
        }
        return write(response);
    }

    static String notification(String method, Map<String, Object> params) {
        var notification = new LinkedHashMap<String, Object>();
        notification.put("jsonrpc", "2.0");
        notification.put("method", method);
        notification.put("params", params);
        return write(notification);
    }

    private static String write(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an MCP message could not be written as JSON", e);
        }
    }
}
