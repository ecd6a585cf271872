/**
 * MCP over stdio: {@code StdioTransport} reads bounded lines from stdin ({@code LineReader}), and
 * {@code StdioOutput} writes one JSON-RPC message per line on stdout, the protocol channel (nothing else may
 * write there). Knows nothing of HTTP.
 */
package dev.agentmeter.mcp.stdio;
