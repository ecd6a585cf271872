package dev.agentmeter.mcp;

/** Log messages over stdio, with {@code agentmeter --stdio} as a child process. */
class McpStdioLoggingTest extends McpLoggingContract {

    McpStdioLoggingTest() {
        super(new McpServerUnderTest.OverStdio());
    }
}
