package dev.agentmeter.mcp.features;

/**
 * Told of every tool call, for self-monitoring: the tool, whether it answered an error envelope, and how
 * long it took. Implementations are thread-safe and return at once.
 */
@FunctionalInterface
public interface ToolObserver {

    ToolObserver NONE = (tool, error, durationNanos) -> { };

    void observe(String tool, boolean error, long durationNanos);
}
