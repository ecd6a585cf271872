package dev.agentmeter.mcp;

/**
 * Told of every MCP request this server answers, on every transport and protocol revision, with what the
 * OpenTelemetry semantic conventions for MCP label {@code mcp.server.operation.duration} with. Implementations are
 * thread-safe, return at once, and bound their own label values.
 */
@FunctionalInterface
public interface McpOperationObserver {

    McpOperationObserver NONE = (method, toolName, protocolVersion, errorType, durationNanos) -> { };

    /** {@code error.type} of a {@code tools/call} whose result has {@code isError: true}, as the conventions say. */
    String TOOL_ERROR = "tool_error";

    /**
     * @param method          {@code mcp.method.name}: the request's method
     * @param toolName        {@code gen_ai.tool.name}: for {@code tools/call}, the tool named; otherwise {@code null}
     * @param protocolVersion {@code mcp.protocol.version}: the revision the request was made in; {@code null} when
     *                        unknown
     * @param errorType       {@code error.type}: {@code null} when it succeeded; otherwise the JSON-RPC error code
     *                        as text ({@code "-32602"}), {@link #TOOL_ERROR}, or the HTTP status of a refusal
     * @param durationNanos   from the request read to its answer written
     */
    void observe(String method, String toolName, String protocolVersion, String errorType, long durationNanos);
}
