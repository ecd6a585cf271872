package dev.agentmeter.mcp;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON-RPC error responses that the transports write themselves, outside any session: for a line or a body
 * that is not a message at all, a request whose params no handler could read (see {@link RequestGuard}), or an
 * HTTP request refused before it reaches the SDK. The {@code id} is
 * written even when null, as JSON-RPC requires when the request's id cannot be known.
 *
 * <p>Thread-safe (a configured Jackson mapper).
 */
public final class JsonRpcErrors {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** MCP's code for a resource that does not exist. */
    static final int RESOURCE_NOT_FOUND = -32002;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRpcErrors() {
    }

    /** {@code {"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message}}}, on one line. */
    public static String response(Object id, int code, String message) {
        return response(id, code, message, null);
    }

    /** The same with the error's {@code data}, left out when null. */
    public static String response(Object id, int code, String message, Object data) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        var response = new LinkedHashMap<String, Object>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("error", error);
        try {
            return MAPPER.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("an id or message could not be written as JSON", e);
        }
    }
}
