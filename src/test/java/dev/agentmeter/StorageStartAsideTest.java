package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.testing.StdoutText;
import dev.agentmeter.testing.TestSettings;

/**
 * Storage starts on a thread of its own while the rest is built (issue 15, start-up): a tool call on stdin, even
 * one read before the rebuild is done, is answered from the rebuilt figures and its task stored once, and a store
 * that fails or never comes still stops start-up with one clear line. (What is answered before the rebuild, and
 * what a failed store answers: {@link StdioEarlyAnswersTest}.)
 */
class StorageStartAsideTest {

    private static final int STORED = 200;
    private static final String FIRST_LINES = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"get_performance_metrics\",\"arguments\":{}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"record_agent_task\","
            + "\"arguments\":{\"name\":\"during-start\",\"duration_ms\":5,\"success\":true}}}\n";

    @TempDir
    Path folder;

    @Test
    void callsWaitingOnStdinBeforeStartUpAreAnsweredFromTheRebuiltFiguresAndTheirTasksAreStoredOnce()
            throws Exception {
        Running first = AgentMeter.start(TestSettings.builder().http(false).storage(folder, null).build());
        for (int i = 0; i < STORED; i++) {
            first.operations().recordAgentTasks(Map.of("name", "stored", "duration_ms", 5, "success", true)).join();
        }
        first.stop();
        var stdout = new StdoutText();

        // Every line is on stdin before start-up begins, so each is read while storage is still rebuilding: the tool
        // calls wait for the rebuild.
        Running running = AgentMeter.start(TestSettings.builder().http(false).stdio(true).storage(folder, null)
                .build(), new ByteArrayInputStream(FIRST_LINES.getBytes(StandardCharsets.UTF_8)), stdout);
        running.awaitStop(); // stdin ends after the last line: its answers are written, then everything stops
        String answers = stdout.text();
        assertThat(answers).contains("\"id\":2").contains("\"id\":3");
        // The two calls run concurrently: the figures are the rebuilt ones, with or without the task of id 3.
        assertThat(answers).containsPattern("\"total_requests\":20[01]");

        Running reopened = AgentMeter.start(TestSettings.builder().http(false).storage(folder, null).build());
        try {
            assertThat(reopened.metrics().snapshot().totalRequests()).isEqualTo(STORED + 1);
        } finally {
            reopened.stop();
        }
    }

    @Test
    void aStoreThatFailsOnItsOwnThreadStopsStartUpWithItsOwnMessage() {
        var refused = new StartupFailure("cannot use postgresql://127.0.0.1:1/meter: connection refused", null);

        assertThatThrownBy(() -> StorageWiring.await(CompletableFuture.failedFuture(refused))).isSameAs(refused);
    }

    @Test
    void aStoreThatNeverStartsStopsStartUpOnceTheBoundHasPassed() {
        assertThatThrownBy(() -> StorageWiring.await(new CompletableFuture<>(), Duration.ofMillis(50)))
                .isInstanceOf(StartupFailure.class).hasMessage("storage did not start within 50 ms");
    }

    @Test
    void theStoreStartsOnAThreadOfItsOwn() throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        var starter = new CompletableFuture<String>();
        metrics.addEventListener(event -> starter.complete(Thread.currentThread().getName()));
        Running seed = AgentMeter.start(TestSettings.builder().http(false).storage(folder, null).build());
        seed.operations().recordAgentTasks(Map.of("name", "stored", "duration_ms", 5, "success", true)).join();
        seed.stop();

        StorageWiring stores = StorageWiring.await(StorageWiring.startAside(
                TestSettings.builder().http(false).storage(folder, null).build(), metrics));
        try {
            assertThat(starter.join()).isEqualTo("agentmeter-storage-start");
            assertThat(metrics.snapshot().totalRequests()).isEqualTo(1);
        } finally {
            stores.storage().close();
        }
    }
}
