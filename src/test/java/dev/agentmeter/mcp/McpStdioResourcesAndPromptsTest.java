package dev.agentmeter.mcp;

/** Resources, subscriptions, prompts, completions and logging over stdio, with {@code agentmeter --stdio} as a child. */
class McpStdioResourcesAndPromptsTest extends McpResourcesAndPromptsContract {

    McpStdioResourcesAndPromptsTest() {
        super(new McpServerUnderTest.OverStdio());
    }
}
