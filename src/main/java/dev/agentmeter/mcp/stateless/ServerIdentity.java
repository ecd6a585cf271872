package dev.agentmeter.mcp.stateless;

import java.util.Map;

/**
 * Who this server is and what it offers, as {@code server/discover} says it: name and version, capabilities (with
 * their extensions, such as the MCP Apps UI extension) and the instructions for a model. The same values the SDK
 * hands to 2025-11-25 clients in its {@code initialize} answer.
 */
public record ServerIdentity(String name, String version, Map<String, Object> capabilities, String instructions) {

    Map<String, Object> serverInfo() {
        return Map.of("name", name, "version", version);
    }
}
