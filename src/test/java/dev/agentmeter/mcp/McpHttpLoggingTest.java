package dev.agentmeter.mcp;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.Settings;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;

/** Log messages over Streamable HTTP, on the event stream the client opens with GET. */
class McpHttpLoggingTest extends McpLoggingContract {

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
