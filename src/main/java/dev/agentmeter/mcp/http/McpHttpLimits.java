package dev.agentmeter.mcp.http;

import java.time.Duration;

/**
 * How much of the server MCP over HTTP may take, so that many clients cannot exhaust it, and one client cannot
 * lock the others out.
 *
 * @param maxConcurrentRequests  requests handled at once; beyond, 503 (the SDK holds a thread per request)
 * @param maxSessions            sessions open at once, however they are asked for; beyond, a new initialize first
 *                               closes the session idle longest (if one has been idle for {@code evictableAfter}),
 *                               and otherwise gets 503
 * @param maxSessionsPerAddress  sessions one client address may hold; beyond, its own session idle longest makes
 *                               room in the same way, or the initialize gets 503
 * @param idleTimeout            a session without a request or an open stream for this long is closed (the SDK's
 *                               sweep runs every half of it, so it closes after half of it to all of it)
 * @param evictableAfter         how long a session must have been idle before a newcomer may take its place
 */
public record McpHttpLimits(int maxConcurrentRequests, int maxSessions, int maxSessionsPerAddress,
                            Duration idleTimeout, Duration evictableAfter) {

    public static final int DEFAULT_MAX_SESSIONS = 1_000;
    /** A quarter of the sessions: one address, or three, cannot take them all. */
    public static final int DEFAULT_MAX_SESSIONS_PER_ADDRESS = DEFAULT_MAX_SESSIONS / 4;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_EVICTABLE_AFTER = Duration.ofMinutes(1);

    public McpHttpLimits {
        if (maxConcurrentRequests < 1 || maxSessions < 1 || maxSessionsPerAddress < 1) {
            throw new IllegalArgumentException("MCP HTTP limits must be at least 1");
        }
        if (idleTimeout.toMillis() < 2) {
            throw new IllegalArgumentException("idleTimeout must be at least 2 ms, was " + idleTimeout);
        }
        if (evictableAfter.isNegative()) {
            throw new IllegalArgumentException("evictableAfter must not be negative, was " + evictableAfter);
        }
    }

    /** At most {@code maxConcurrentRequests} at once, with the default session caps and times. */
    public static McpHttpLimits of(int maxConcurrentRequests) {
        return new McpHttpLimits(maxConcurrentRequests, DEFAULT_MAX_SESSIONS, DEFAULT_MAX_SESSIONS_PER_ADDRESS,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_EVICTABLE_AFTER);
    }

    /** At most {@code sessions} in all, and (unless set lower) as many per address. */
    public McpHttpLimits withMaxSessions(int sessions) {
        return new McpHttpLimits(maxConcurrentRequests, sessions, Math.min(maxSessionsPerAddress, sessions),
                idleTimeout, evictableAfter);
    }

    public McpHttpLimits withMaxSessionsPerAddress(int sessions) {
        return new McpHttpLimits(maxConcurrentRequests, maxSessions, sessions, idleTimeout, evictableAfter);
    }

    public McpHttpLimits withIdleTimeout(Duration timeout) {
        return new McpHttpLimits(maxConcurrentRequests, maxSessions, maxSessionsPerAddress, timeout, evictableAfter);
    }

    public McpHttpLimits withEvictableAfter(Duration idle) {
        return new McpHttpLimits(maxConcurrentRequests, maxSessions, maxSessionsPerAddress, idleTimeout, idle);
    }
}
