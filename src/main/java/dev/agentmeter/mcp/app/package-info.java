/**
 * The dashboard panel as an MCP App: its tools and schemas, and the single HTML page (assembled from the
 * dashboard's own ES modules) that a host shows in an iframe. Knows no transport.
 */
package dev.agentmeter.mcp.app;
