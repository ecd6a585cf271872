package dev.agentmeter.mcp.stateless;

/**
 * Told of every 2026-07-28 request the front end answered: the one place where a request's method, the tool, prompt
 * or resource it names, its protocol version, its error and its duration are all known (for the
 * {@code mcp.server.operation.duration} metric). Implementations are thread-safe and return at once.
 */
@FunctionalInterface
public interface DispatchObserver {

    DispatchObserver NONE = (method, target, protocolVersion, errorType, durationNanos) -> { };

    /**
     * @param method          the JSON-RPC method, e.g. {@code tools/call}
     * @param target          the tool or prompt name or resource URI it names, {@code null} when none
     * @param protocolVersion the version the request claimed, {@code null} when it claimed none
     * @param errorType       the JSON-RPC error code as text, {@code "tool_error"} for a tool result with
     *                        {@code isError}, or {@code null} when it succeeded
     * @param durationNanos   from the request's arrival to its answer
     */
    void observe(String method, String target, String protocolVersion, String errorType, long durationNanos);
}
