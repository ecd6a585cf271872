package dev.agentmeter.mcp;

/** The tools over stdio, with the SDK's client starting {@code agentmeter --stdio} as a child JVM. */
class McpStdioToolsTest extends McpToolsContract {

    McpStdioToolsTest() {
        super(new McpServerUnderTest.OverStdio());
    }

    /**
     * Nothing to wait for: the client writes requests to the pipe in the order they are sent, and the server
     * dispatches lines in the order it reads them, so the simulations are running before a later request is read.
     */
    @Override
    protected void awaitSimulationsRunning(int count) {
    }
}
