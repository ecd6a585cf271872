package dev.agentmeter.mcp;

/** The dashboard panel over stdio, with {@code agentmeter --stdio} as a child. */
class McpStdioAppTest extends McpAppContract {

    McpStdioAppTest() {
        super(new McpServerUnderTest.OverStdio());
    }
}
