package dev.agentmeter.mcp;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;

/**
 * Reads one line of the stdio transport: a JSON-RPC message for the session, or the error response that
 * answers a line that is not one: {@code -32700} when it is not JSON, {@code -32600} when it is JSON but not a
 * JSON-RPC 2.0 message. Blank lines are ignored.
 *
 * <p>Thread-safe (configured Jackson mappers).
 */
public final class JsonRpcLines {

    /** What a line turned out to be. */
    public sealed interface Inbound permits Message, Rejected, Blank {
    }

    public record Message(JSONRPCMessage message) implements Inbound {
    }

    /** Not a message; {@code response} is the JSON-RPC error line that answers it. */
    public record Rejected(String response) implements Inbound {
    }

    record Blank() implements Inbound {
    }

    /** No MCP message nests this deep; deeper input is refused before it can strain the parser. */
    static final int MAX_NESTING_DEPTH = 64;

    private static final int MAX_DETAIL_LENGTH = 200;

    private final McpJsonMapper sdkMapper;
    private final ObjectMapper parser;

    public JsonRpcLines(McpJsonMapper sdkMapper) {
        this.sdkMapper = sdkMapper;
        var factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.parser = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public Inbound read(byte[] line) {
        if (isBlank(line)) {
            return new Blank();
        }
        Object value;
        try {
            value = parser.readValue(line, Object.class);
        } catch (JsonProcessingException e) {
            return rejected(null, JsonRpcErrors.PARSE_ERROR, "Parse error: " + describe(e));
        } catch (IOException e) {
            return rejected(null, JsonRpcErrors.PARSE_ERROR, "Parse error: the line could not be read as JSON");
        }
        if (!(value instanceof Map<?, ?> object)) {
            return rejected(null, JsonRpcErrors.INVALID_REQUEST, value instanceof List<?>
                    ? "Invalid Request: batches are not supported; send one JSON-RPC message per line"
                    : "Invalid Request: expected a JSON-RPC message object, got " + typeOf(value));
        }
        return message(object);
    }

    /** The answer to a line of {@code bytes} bytes, longer than {@code maxBytes}, that was skipped. */
    public static String tooLong(long bytes, int maxBytes) {
        return JsonRpcErrors.response(null, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: the line is " + bytes
                + " bytes long, more than the " + maxBytes + " allowed; it was skipped");
    }

    /**
     * {@code object} is the line read as plain maps, lists, strings, numbers, booleans and nulls: what the SDK's mapper
     * makes of JSON when asked for an {@code Object}, so a request's params are taken as they are.
     */
    private Inbound message(Map<?, ?> object) {
        boolean hasId = object.containsKey("id");
        Object id = object.get("id");
        if (hasId && !(id instanceof String) && !isIntegral(id)) {
            return rejected(null, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer");
        }
        if (!"2.0".equals(object.get("jsonrpc"))) {
            return rejected(id, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        Class<? extends JSONRPCMessage> type;
        if (object.containsKey("method")) {
            if (!(object.get("method") instanceof String method) || method.isBlank()) {
                return rejected(id, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: \"method\" must be a non-empty string");
            }
            Object params = object.get("params");
            if (object.containsKey("params") && !(params instanceof Map<?, ?>) && !(params instanceof List<?>)) {
                return rejected(id, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: \"params\" must be an object");
            }
            type = hasId ? JSONRPCRequest.class : JSONRPCNotification.class;
        } else if (object.containsKey("result") || object.containsKey("error")) {
            if (!hasId) {
                return rejected(null, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: a response needs an \"id\"");
            }
            type = JSONRPCResponse.class;
        } else {
            return rejected(id, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: a message needs a \"method\", or a \"result\" or \"error\" when it is a response");
        }
        try {
            if (type == JSONRPCRequest.class && onlyRequestFields(object)) {
                return new Message(new JSONRPCRequest((String) object.get("jsonrpc"), (String) object.get("method"), id,
                        object.get("params")));
            }
            return new Message(sdkMapper.convertValue(object, type));
        } catch (IllegalArgumentException e) {
            return rejected(id, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: the message does not match JSON-RPC 2.0");
        }
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    /**
     * A request of only the four JSON-RPC fields, already checked, is made directly: the same record the SDK's mapper
     * makes of the whole object (its creator takes the four fields as they are), without its bean conversion (5% of
     * an HTTP tool call's JFR samples before; BENCHMARKS.md, issue 15).
     */
    private static boolean onlyRequestFields(Map<?, ?> object) {
        return object.size() == (object.containsKey("params") ? 4 : 3);
    }

    /** Nothing but JSON's whitespace: a line to ignore, as the parser sees no value in it. */
    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static Rejected rejected(Object id, int code, String message) {
        return new Rejected(JsonRpcErrors.response(id, code, message));
    }

    /** Jackson's words for what is wrong and where, without its source excerpt or API names. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "the line nests deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        String reason = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
        for (String cut : new String[] {"\n", " (start marker", " at [Source"}) {
            int at = reason.indexOf(cut);
            reason = at >= 0 ? reason.substring(0, at) : reason;
        }
        if (reason.length() > MAX_DETAIL_LENGTH) {
            reason = reason.substring(0, MAX_DETAIL_LENGTH) + "...";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getColumnNr() > 0) {
            reason += " (column " + location.getColumnNr() + ")";
        }
        return reason;
    }

    /** The JSON type of a value that is not an object, in the words Jackson's tree uses. */
    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof String ? "string" : value instanceof Boolean ? "boolean" : "number";
    }
}
