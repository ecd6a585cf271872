package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;

/**
 * Log messages over each transport: a failed task and a reset reach a session at or below their level, never
 * one above it. A server of its own per transport, with few events, so that the cap on log messages a second
 * never holds back what a test waits for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpLoggingContract {

    private ListeningClient client;

    private final McpServerUnderTest server;

    protected McpLoggingContract(McpServerUnderTest server) {
        this.server = server;
    }

    @BeforeAll
    void connect() throws Exception {
        server.start();
        client = ListeningClient.connect(server.newClientTransport(), getClass().getSimpleName());
    }

    @AfterAll
    void disconnect() {
        if (client != null) {
            client.close();
        }
        server.stop();
    }

    @Test
    void aFailedTaskIsAWarningForASessionAtWarningLevel() {
        client.sdk.setLoggingLevel(LoggingLevel.WARNING);
        String name = ListeningClient.nameOf(client.uniqueTaskUri("failing"));

        client.simulate(name, true);

        await().atMost(ListeningClient.NOTIFIED_WITHIN).until(() -> client.logsAbout(name).size() == 1);
        LoggingMessageNotification message = client.logsAbout(name).get(0);
        assertThat(message.level()).isEqualTo(LoggingLevel.WARNING);
        assertThat(message.logger()).isEqualTo("agentmeter");
        assertThat(message.data()).matches("task \"" + name + "\" failed after \\d+\\.\\d ms: Simulated failure");
    }

    @Test
    void aResetIsANoticeForASessionAtInfoLevel() {
        client.sdk.setLoggingLevel(LoggingLevel.INFO);
        client.call("reset_performance_metrics", Map.of());
        for (int i = 0; i < 7; i++) {
            client.simulate("forgettable", false);
        }

        client.call("reset_performance_metrics", Map.of());

        await().atMost(ListeningClient.NOTIFIED_WITHIN).until(() -> client.logMessages().stream().anyMatch(message ->
                message.level() == LoggingLevel.NOTICE
                        && message.data().equals("metrics reset: 7 recorded tasks were forgotten")));
    }

    @Test
    void aSessionAtErrorLevelHearsNoWarning() {
        client.sdk.setLoggingLevel(LoggingLevel.ERROR);
        String name = ListeningClient.nameOf(client.uniqueTaskUri("unheard"));
        String barrier = client.uniqueTaskUri("barrier");
        client.subscribe(barrier);
        try {
            client.simulate(name, true);

            client.awaitTwoTicksOf(barrier);

            assertThat(client.logsAbout(name)).isEmpty();
        } finally {
            client.unsubscribe(barrier);
        }
    }
}
