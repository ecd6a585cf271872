package dev.agentmeter.mcp.stateless;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/**
 * Which revision a message is written in, as the 2026-07-28 versioning section tells a dual-era server to decide:
 * a message whose {@code params._meta} claims a protocol version (or, over HTTP, whose {@code MCP-Protocol-Version}
 * header names a revision served here per request) is served statelessly; {@code initialize} selects 2025-11-25,
 * whatever else it carries; everything else belongs to the 2025-11-25 session it comes in, as before.
 *
 * <p>Thread-safe (stateless).
 */
public final class Eras {

    private static final String INITIALIZE = "initialize";

    private Eras() {
    }

    /** Whether {@code message} is for the 2026-07-28 front end; {@code versionHeader} is null off HTTP. */
    public static boolean isModern(JSONRPCMessage message, String versionHeader) {
        if (message instanceof JSONRPCRequest request) {
            return isModern(request.method(), request.params(), versionHeader);
        }
        if (message instanceof JSONRPCNotification notification) {
            return isModern(notification.method(), notification.params(), versionHeader);
        }
        return false; // a response: only 2025-11-25 sessions are ever asked anything
    }

    static boolean isModern(String method, Object params, String versionHeader) {
        return !INITIALIZE.equals(method)
                && (RequestMeta.claimedVersion(params).isPresent() || ModernProtocol.isModern(versionHeader));
    }

    /** The {@code requestId} a {@code notifications/cancelled} names, or null. */
    static Object cancelledId(JSONRPCNotification notification) {
        return ModernProtocol.CANCELLED.equals(notification.method())
                && notification.params() instanceof Map<?, ?> params ? params.get("requestId") : null;
    }
}
