package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.testing.StdoutText;
import dev.agentmeter.testing.TestSettings;

/**
 * {@code --stdio} answers what needs no figure while storage is still starting (issue 15, start-up): initialize and
 * the lists at once; a tool call, a resource read or a prompt sent meanwhile waits until storage has rebuilt the
 * figures and is answered from all of them; and when storage fails, each waiting request is answered with the
 * reason before start-up fails. Storage is held back by the start-up's test hook, so the order is certain.
 */
class StdioEarlyAnswersTest {

    private static final int STORED = 200;
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
    private static final String MODERN_META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    private static final String WAITING_REQUESTS = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"get_performance_metrics\",\"arguments\":{}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"agentmeter://metrics\"}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"get_performance_metrics\","
            + "\"arguments\":{}," + MODERN_META + "}}\n";
    private static final String LISTS = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"prompts/list\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void listsAreAnsweredWhileStorageStartsAndEarlierCallsWaitForTheFullRebuiltFigures() throws Exception {
        seedStorage();
        Settings settings = TestSettings.builder().http(false).stdio(true).storage(folder, null).build();
        var heldMetrics = new AtomicReference<PerformanceMetrics>();
        var storage = new CompletableFuture<StorageWiring>();
        var stdin = new PipedOutputStream();
        var stdout = new StdoutText();
        var pipe = new PipedInputStream(stdin, 1 << 16);
        CompletableFuture<Running> starting = CompletableFuture.supplyAsync(() -> startOrFail(settings, pipe, stdout,
                (given, metrics) -> {
                    heldMetrics.set(metrics);
                    return storage;
                }));
        Running running = null;
        try {
            send(stdin, INITIALIZE + WAITING_REQUESTS + LISTS);

            await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("\"id\":7"));
            assertThat(answer(stdout, 1).has("result")).isTrue();
            assertThat(answer(stdout, 5).at("/result/tools").size()).isPositive();
            assertThat(answer(stdout, 6).at("/result/prompts").size()).isPositive();
            assertThat(stdout.text()).doesNotContain("\"id\":2").doesNotContain("\"id\":3").doesNotContain("\"id\":4");
            assertThat(starting).isNotDone();

            storage.complete(StorageWiring.start(settings, heldMetrics.get())); // the rebuild, released only now
            running = starting.get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("\"id\":4"));
            assertThat(answer(stdout, 2).at("/result/structuredContent/data/total_requests").asInt()).isEqualTo(STORED);
            assertThat(answer(stdout, 3).at("/result/contents/0/text").asText()).contains("\"total_requests\":" + STORED);
            assertThat(answer(stdout, 4).at("/result/structuredContent/data/total_requests").asInt()).isEqualTo(STORED);
        } finally {
            stdin.close();
            if (running != null) {
                running.stop();
            }
        }
    }

    @Test
    void aStoreThatFailsAnswersEveryWaitingRequestWithTheReasonThenStopsStartUp() throws Exception {
        Settings settings = TestSettings.builder().http(false).stdio(true).build();
        var storage = new CompletableFuture<StorageWiring>();
        var stdin = new PipedOutputStream();
        var stdout = new StdoutText();
        var pipe = new PipedInputStream(stdin, 1 << 16);
        CompletableFuture<Running> starting = CompletableFuture.supplyAsync(() -> startOrFail(settings, pipe, stdout,
                (given, metrics) -> storage));
        try {
            send(stdin, INITIALIZE + WAITING_REQUESTS + LISTS);
            await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("\"id\":7"));

            storage.completeExceptionally(new StartupFailure(
                    "cannot use postgresql://u@127.0.0.1:1/meter: connection refused", null));

            assertThatThrownBy(() -> starting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StartupFailure.class)
                    .hasMessage("cannot use postgresql://u@127.0.0.1:1/meter: connection refused");
            for (int id = 2; id <= 4; id++) {
                JsonNode refused = answer(stdout, id);
                assertThat(refused.at("/error/code").asInt()).isEqualTo(-32603);
                assertThat(refused.at("/error/message").asText()).isEqualTo(
                        "storage did not start: cannot use postgresql://u@127.0.0.1:1/meter: connection refused");
            }
        } finally {
            stdin.close();
        }
    }

    private void seedStorage() throws Exception {
        Running first = AgentMeter.start(TestSettings.builder().http(false).storage(folder, null).build());
        for (int i = 0; i < STORED; i++) {
            first.operations().recordAgentTasks(Map.of("name", "stored", "duration_ms", 5, "success", true)).join();
        }
        first.stop();
    }

    private static Running startOrFail(Settings settings, PipedInputStream stdin, StdoutText stdout,
                                       BiFunction<Settings, PerformanceMetrics, CompletableFuture<StorageWiring>> storage) {
        try {
            return Startup.start(settings, stdin, stdout, storage);
        } catch (StartupFailure e) {
            throw new CompletionException(e);
        }
    }

    /** The answer to request {@code id} among the lines written so far. */
    private static JsonNode answer(StdoutText stdout, int id) throws IOException {
        for (String line : stdout.text().split("\n")) {
            JsonNode message = JSON.readTree(line);
            if (message.path("id").asInt(-1) == id) {
                return message;
            }
        }
        throw new AssertionError("no answer to request " + id + " in " + stdout.text());
    }

    private static void send(PipedOutputStream stdin, String lines) throws IOException {
        stdin.write(lines.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }
}
