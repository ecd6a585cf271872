package dev.agentmeter.mcp;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;

/**
 * One MCP request being answered, as {@link McpOperationObserver} labels it: its method, the tool it calls, the
 * protocol revision it was made in, and when it was read. The outcome is read from the typed answer the SDK sends
 * ({@link #errorType}, {@link #negotiatedVersion}), or from its text ({@link AnswerText}).
 *
 * @param protocolVersion for {@code initialize}, the version the client asked for until the answer names the one
 *                        negotiated
 */
public record McpOperation(String method, String toolName, String protocolVersion, long startNanos) {

    public static McpOperation of(JSONRPCRequest request, String protocolVersion, long startNanos) {
        String tool = null;
        if (McpSchema.METHOD_TOOLS_CALL.equals(request.method()) && request.params() instanceof Map<?, ?> params
                && params.get("name") instanceof String name) {
            tool = name;
        }
        String version = protocolVersion;
        if (McpSchema.METHOD_INITIALIZE.equals(request.method()) && request.params() instanceof Map<?, ?> params
                && params.get("protocolVersion") instanceof String asked) {
            version = asked;
        }
        return new McpOperation(request.method(), tool, version, startNanos);
    }

    /** Tells {@code observer} that this request was answered at {@code endNanos}. */
    public void answered(String errorType, String negotiatedVersion, long endNanos, McpOperationObserver observer) {
        observer.observe(method, toolName, negotiatedVersion != null ? negotiatedVersion : protocolVersion, errorType,
                Math.max(0, endNanos - startNanos));
    }

    /** {@code error.type} of a typed answer: its JSON-RPC error code, {@code tool_error}, or {@code null}. */
    public static String errorType(JSONRPCResponse answer) {
        if (answer.error() != null) {
            return AnswerText.errorType(answer.error().code());
        }
        Object result = answer.result();
        boolean toolError = result instanceof CallToolResult call ? Boolean.TRUE.equals(call.isError())
                : result instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("isError"));
        return toolError ? McpOperationObserver.TOOL_ERROR : null;
    }

    /** The version an {@code initialize} answer settled on; {@code null} for any other answer. */
    public static String negotiatedVersion(JSONRPCResponse answer) {
        Object result = answer.result();
        if (result instanceof InitializeResult initialized) {
            return initialized.protocolVersion();
        }
        return result instanceof Map<?, ?> map && map.get("protocolVersion") instanceof String version
                && map.containsKey("serverInfo") ? version : null;
    }
}
