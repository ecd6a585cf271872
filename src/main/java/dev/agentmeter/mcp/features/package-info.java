/**
 * What the MCP server offers, apart from how it is carried: tools, resources, prompts and completions, each a
 * definition (name, schema, description) and a handler of a few lines that calls an operation. Knows no transport.
 */
package dev.agentmeter.mcp.features;
