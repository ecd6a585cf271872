/**
 * The MCP server, assembled, and what every transport shares: {@code McpServers} builds the SDK server from the
 * features and starts it over stdio or Streamable HTTP; {@code RequestGuard} and {@code ParamsShapes} check each
 * request before the SDK sees it; JSON-RPC errors, protocol versions, bounded session state and the
 * notifications (log messages, resource updates) live here too.
 */
package dev.agentmeter.mcp;
