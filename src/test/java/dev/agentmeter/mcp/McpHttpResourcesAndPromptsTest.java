package dev.agentmeter.mcp;

/**
 * Resources, subscriptions, prompts, completions and logging over Streamable HTTP: updates and log messages reach
 * the client on the event stream it opens with GET.
 */
class McpHttpResourcesAndPromptsTest extends McpResourcesAndPromptsContract {

    McpHttpResourcesAndPromptsTest() {
        super(new McpServerUnderTest.OverHttp());
    }
}
