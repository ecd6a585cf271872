package dev.agentmeter.mcp;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** The tools over Streamable HTTP at {@code /mcp}, served by the real server on a free loopback port. */
class McpHttpToolsTest extends McpToolsContract {

    McpHttpToolsTest() {
        super(new McpServerUnderTest.OverHttp());
    }

    @Override
    protected void awaitSimulationsRunning(int count) {
        var running = ((McpServerUnderTest.OverHttp) server()).running();
        await().atMost(Duration.ofSeconds(4)).until(() -> running.simulationsInFlight() == count);
    }
}
