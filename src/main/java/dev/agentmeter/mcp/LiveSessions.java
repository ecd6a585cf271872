package dev.agentmeter.mcp;

import java.util.function.Consumer;

import io.modelcontextprotocol.spec.McpLoggableSession;

/**
 * The initialized sessions a transport has open right now, for the messages that no request asked for (log
 * messages). The SDK keeps its sessions to itself, so each transport of ours tells which they are.
 */
public interface LiveSessions {

    void forEach(Consumer<McpLoggableSession> action);
}
