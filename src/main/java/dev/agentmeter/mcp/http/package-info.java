/**
 * MCP over Streamable HTTP ({@code /mcp}): {@code McpHttpEndpoint} in front of the SDK's servlet transport, with
 * bounded sessions, the protocol-version header, origin and host checks, and our own JSON-RPC error bodies in place
 * of the SDK's. Knows nothing of stdio.
 */
package dev.agentmeter.mcp.http;
