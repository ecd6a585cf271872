package dev.agentmeter.mcp;

import java.util.List;

import io.modelcontextprotocol.spec.ProtocolVersions;

/**
 * The MCP protocol versions this server speaks, oldest first, on every transport: all that the SDK's server
 * implements. Initialization answers the client's version when it is one of them, otherwise the newest.
 */
public final class McpProtocolVersions {

    public static final List<String> SUPPORTED = List.of(ProtocolVersions.MCP_2024_11_05,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    private McpProtocolVersions() {
    }
}
