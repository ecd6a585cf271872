package dev.agentmeter.mcp;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.Settings;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;

/**
 * Resources, subscriptions, prompts, completions and logging over Streamable HTTP: updates and log messages reach
 * the client on the event stream it opens with GET.
 */
class McpHttpResourcesAndPromptsTest extends McpResourcesAndPromptsContract {

    private Running running;

    @Override
    protected void startServer() throws Exception {
        running = AgentMeter.start(Settings.forTests());
    }

    @Override
    protected void stopServer() {
        if (running != null) {
            running.stop();
        }
    }

    @Override
    protected McpClientTransport newClientTransport() {
        return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + running.httpPort())
                .endpoint("/mcp")
                .build();
    }
}
