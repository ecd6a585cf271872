package dev.agentmeter.mcp;

import java.util.Map;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;

/**
 * The JSON-RPC errors that resource, prompt and completion handlers answer (tools answer envelopes instead):
 * a refused argument is invalid params, an unknown resource is resource-not-found, and a fault is an internal
 * error whose details stay in the server log.
 *
 * <p>Thread-safe (stateless).
 */
public final class McpErrors {

    static final String INTERNAL_MESSAGE = "internal error; the server log has the details";

    private McpErrors() {
    }

    /** The error for an operation's failure envelope; {@code uri} names the resource when there is one. */
    public static McpError of(Envelope.Failure failure, String uri) {
        if (failure.code() == ErrorCode.NOT_FOUND && uri != null) {
            return resourceNotFound(uri, failure.message());
        }
        if (failure.code() == ErrorCode.INTERNAL_ERROR) {
            return internal();
        }
        return invalidParams(failure.message());
    }

    static McpError invalidParams(String message) {
        return McpError.builder(ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    static McpError resourceNotFound(String uri, String message) {
        return McpError.builder(ErrorCodes.RESOURCE_NOT_FOUND).message(message).data(Map.of("uri", uri)).build();
    }

    public static McpError internal() {
        return McpError.builder(ErrorCodes.INTERNAL_ERROR).message(INTERNAL_MESSAGE).build();
    }

    /**
     * {@code message}, or, when it is an internal error worded by the SDK from a Java exception (class names, NPE
     * text), the same error with our message instead: the details are in the SDK's log line already.
     */
    public static JSONRPCMessage withoutInternals(JSONRPCMessage message) {
        if (message instanceof JSONRPCResponse response && response.error() != null
                && Integer.valueOf(ErrorCodes.INTERNAL_ERROR).equals(response.error().code())
                && !INTERNAL_MESSAGE.equals(response.error().message())) {
            return new JSONRPCResponse(response.jsonrpc(), response.id(), null,
                    new JSONRPCError(ErrorCodes.INTERNAL_ERROR, INTERNAL_MESSAGE, null));
        }
        return message;
    }
}
