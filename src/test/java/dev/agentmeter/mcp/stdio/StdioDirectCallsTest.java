package dev.agentmeter.mcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.mcp.McpFeatures;
import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.testing.StdoutAnswers;

/**
 * Tool calls over stdio are answered beside the SDK's session once the client is initialized; before, the SDK's
 * session holds them until the client says it is initialized, and so do we.
 */
class StdioDirectCallsTest {

    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"get_error_log\",\"arguments\":{\"limit\":1}}}\n";

    private final PipedOutputStream stdin = new PipedOutputStream();
    private final StdoutAnswers stdout = new StdoutAnswers();
    private ScheduledExecutorService timer;
    private McpServers servers;

    @AfterEach
    void stop() throws Exception {
        stdin.close();
        servers.close();
        timer.shutdownNow();
    }

    @Test
    void aToolCallBeforeTheClientIsInitializedWaitsForItThenAnswersAsAfter() throws Exception {
        start();
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n");
        send(CALL.formatted(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> stdout.answers().containsKey(1));
        Thread.sleep(300); // what the SDK does with it: nothing, until the client is initialized
        assertThat(stdout.answers()).doesNotContainKey(2);

        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n" + CALL.formatted(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> stdout.answers().keySet().containsAll(java.util.List.of(2, 3)));

        assertThat(stdout.answers().get(3).path("result")).isEqualTo(stdout.answers().get(2).path("result"));
        assertThat(stdout.answers().get(3).path("result").path("isError").asBoolean()).isFalse();
    }

    private void start() throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        timer = Executors.newSingleThreadScheduledExecutor();
        var operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
        servers = new McpServers(McpFeatures.of(operations, new JsonCodec(), 100, 50), operations, "test");
        servers.serveStdio(new PipedInputStream(stdin, 1 << 16), stdout, () -> { });
    }

    private void send(String lines) throws Exception {
        stdin.write(lines.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }
}
