package dev.agentmeter.mcp;

import java.time.Duration;

/**
 * How much of the server MCP over HTTP may take, so that many clients cannot exhaust it.
 *
 * @param maxConcurrentRequests requests handled at once; beyond, 503 (the SDK holds a thread per request)
 * @param maxSessions           sessions open at once; beyond, a new initialize gets 503
 * @param idleTimeout           a session without a request or an open stream for this long is closed (the SDK's
 *                              sweep runs every half of it, so it closes after half of it to all of it)
 */
public record McpHttpLimits(int maxConcurrentRequests, int maxSessions, Duration idleTimeout) {

    public static final int DEFAULT_MAX_SESSIONS = 1_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

    public McpHttpLimits {
        if (maxConcurrentRequests < 1 || maxSessions < 1) {
            throw new IllegalArgumentException("MCP HTTP limits must be at least 1");
        }
        if (idleTimeout.toMillis() < 2) {
            throw new IllegalArgumentException("idleTimeout must be at least 2 ms, was " + idleTimeout);
        }
    }

    /** At most {@code maxConcurrentRequests} at once, with the default session cap and idle timeout. */
    public static McpHttpLimits of(int maxConcurrentRequests) {
        return new McpHttpLimits(maxConcurrentRequests, DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT);
    }

    public McpHttpLimits withMaxSessions(int sessions) {
        return new McpHttpLimits(maxConcurrentRequests, sessions, idleTimeout);
    }

    public McpHttpLimits withIdleTimeout(Duration timeout) {
        return new McpHttpLimits(maxConcurrentRequests, maxSessions, timeout);
    }
}
