package dev.agentmeter.mcp;

/** Log messages over Streamable HTTP, on the event stream the client opens with GET. */
class McpHttpLoggingTest extends McpLoggingContract {

    McpHttpLoggingTest() {
        super(new McpServerUnderTest.OverHttp());
    }
}
