package dev.agentmeter.mcp;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.Settings;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;

/** The tools over Streamable HTTP at {@code /mcp}, served by the real server on a free loopback port. */
class McpHttpToolsTest extends McpToolsContract {

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

    @Override
    protected void awaitSimulationsRunning(int count) {
        await().atMost(Duration.ofSeconds(4)).until(() -> running.simulationsInFlight() == count);
    }
}
