package dev.agentmeter.mcp;

/** The dashboard panel over Streamable HTTP. */
class McpHttpAppTest extends McpAppContract {

    McpHttpAppTest() {
        super(new McpServerUnderTest.OverHttp());
    }
}
