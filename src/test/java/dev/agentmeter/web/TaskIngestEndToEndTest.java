package dev.agentmeter.web;

import static dev.agentmeter.web.Envelopes.assertError;
import static dev.agentmeter.web.Envelopes.assertErrorCode;
import static dev.agentmeter.web.Envelopes.data;
import static dev.agentmeter.web.Envelopes.dataList;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** POST /api/tasks (one task or a batch) and the agent filters, over the wire. */
@Timeout(30)
class TaskIngestEndToEndTest {

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void forgetEarlierTasks() {
        server.running().metrics().reset();
    }

    private static String task(String name, Object durationMs, boolean success, String agent) {
        return "{\"name\":\"" + name + "\",\"duration_ms\":" + durationMs + ",\"success\":" + success
                + (agent == null ? "" : ",\"agent\":\"" + agent + "\"") + "}";
    }

    private static String batch(int size) {
        return IntStream.range(0, size).mapToObj(i -> task("task-" + i % 5, i, i % 3 != 0, "agent-" + i % 2))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private long totalRequests() {
        return server.running().metrics().snapshot().totalRequests();
    }

    @Test
    void singleTaskIsRecorded() {
        Map<String, Object> data = data(server.postJson("/api/tasks", task("crawl", 12.5, true, "claude")));

        assertThat(data).isEqualTo(Map.of("recorded", 1));
        Map<?, ?> entry = (Map<?, ?>) dataList(server.get("/api/history?limit=1")).get(0);
        assertThat(entry.get("endpoint")).isEqualTo("crawl");
        assertThat(entry.get("response_time_ms")).isEqualTo(12.5);
        assertThat(entry.get("agent")).isEqualTo("claude");
    }

    @Test
    void historyEntryOfATaskWithoutAgentHasANullAgent() {
        server.postJson("/api/tasks", task("crawl", 1, true, null));

        Map<?, ?> entry = (Map<?, ?>) dataList(server.get("/api/history?limit=1")).get(0);
        assertThat(entry.containsKey("agent")).isTrue();
        assertThat(entry.get("agent")).isNull();
    }

    @Test
    void batchOfAThousandIsRecorded() {
        Map<String, Object> data = data(server.postJson("/api/tasks", batch(1000)));

        assertThat(data).isEqualTo(Map.of("recorded", 1000));
        assertThat(totalRequests()).isEqualTo(1000);
    }

    @Test
    void batchWithABadItemIsRefusedWholeAndNamesTheItem() {
        String body = "[" + task("ok", 1, true, null) + "," + task("bad", -5, true, null) + "]";

        assertError(server.postJson("/api/tasks", body), 400, "invalid_argument",
                "nothing was recorded: items[1].duration_ms must be between 0 and 86400000 milliseconds (got -5)");
        assertThat(totalRequests()).isZero();
    }

    @Test
    void batchOverAThousandIsTooLarge() {
        String message = assertErrorCode(server.postJson("/api/tasks", batch(1001)), 413, "payload_too_large");

        assertThat(message).contains("at most 1000 tasks, got 1001");
        assertThat(totalRequests()).isZero();
    }

    @Test
    void emptyBatchIsRefused() {
        assertError(server.postJson("/api/tasks", "[]"), 400, "invalid_argument",
                "the batch is empty; send at least one task");
    }

    @Test
    void emptyBodyIsRefused() {
        assertError(server.post("/api/tasks", null, BodyPublishers.noBody()), 400, "invalid_argument",
                "the request body is empty; expected a JSON object or array");
    }

    @Test
    void bodyThatIsNotAnObjectOrArrayIsRefused() {
        assertError(server.postJson("/api/tasks", "42"), 400, "invalid_argument",
                "expected a JSON object or array, got number");
    }

    @Test
    void malformedJsonIsRefused() {
        String message = assertErrorCode(server.postJson("/api/tasks", "[{\"name\":"), 400, "invalid_argument");

        assertThat(message).startsWith("the body is not valid JSON");
    }

    @Test
    void bodyOfAnotherContentTypeIsUnsupported() {
        assertErrorCode(server.post("/api/tasks", "text/plain", task("crawl", 1, true, null)), 415,
                "unsupported_media_type");
    }

    @Test
    void queryParametersAreRefused() {
        assertError(server.postJson("/api/tasks?agent=x", task("crawl", 1, true, null)), 400, "invalid_argument",
                "/api/tasks takes no query parameters; send everything in the JSON body");
    }

    @Test
    void getOnTheSamePathStillAnswersPerTaskStats() {
        server.postJson("/api/tasks", task("crawl", 1, true, null));

        assertThat(dataList(server.get("/api/tasks"))).singleElement()
                .satisfies(row -> assertThat(((Map<?, ?>) row).get("name")).isEqualTo("crawl"));
    }

    @Test
    void taskStatsFilteredByAgent() {
        server.postJson("/api/tasks", "[" + task("crawl", 1, true, "alpha") + "," + task("parse", 1, true, "beta") + "]");

        List<Object> rows = dataList(server.get("/api/tasks?agent=beta"));

        assertThat(rows).singleElement().satisfies(row -> assertThat(((Map<?, ?>) row).get("name")).isEqualTo("parse"));
    }

    @Test
    void taskStatsOfAnUnknownAgentAreEmpty() {
        assertThat(dataList(server.get("/api/tasks?agent=nobody"))).isEmpty();
    }

    @Test
    void timeseriesFilteredByAgent() {
        server.postJson("/api/tasks", "[" + task("crawl", 1, true, "alpha") + "," + task("parse", 1, false, "beta") + "]");

        Map<String, Object> series = data(server.get("/api/timeseries?agent=alpha"));

        assertThat(sum(series.get("successes"))).isEqualTo(1);
        assertThat(sum(series.get("failures"))).isZero();
    }

    @Test
    void agentsListsEachAgentWithItsCount() {
        server.postJson("/api/tasks", batch(10));

        List<Object> agents = dataList(server.get("/api/agents"));

        assertThat(agents).extracting(row -> (Object) ((Map<?, ?>) row).get("agent")).containsExactly("agent-0", "agent-1");
        assertThat(agents).extracting(row -> (Object) ((Map<?, ?>) row).get("count")).containsExactly(5, 5);
    }

    @Test
    void agentsTakesNoArguments() {
        assertError(server.get("/api/agents?agent=x"), 400, "invalid_argument",
                "unknown argument 'agent'; this operation takes no arguments");
    }

    @Test
    void modelsListEachModelWithItsTokensAndCostBusiestFirst() {
        server.postJson("/api/tasks", "[" + modelCall("gpt-5", 1200, 0.25) + "," + modelCall("gpt-5", 800, 0.5)
                + "," + modelCall("haiku", 10, 0.001) + "," + task("tool", 1, true, null) + "]");

        List<Object> models = dataList(server.get("/api/models"));

        assertThat(models).hasSize(2);
        assertThat(models.get(0)).isEqualTo(Map.of("model", "gpt-5", "provider", "openai", "requests", 2,
                "failed_requests", 0, "input_tokens", 2000, "output_tokens", 20, "cost_usd", 0.75,
                "p50_response_time_ms", 3.0, "p95_response_time_ms", 3.0));
        assertThat(((Map<?, ?>) models.get(1)).get("model")).isEqualTo("haiku");
    }

    @Test
    void historyEntriesCarryTheModelCallOverTheWire() {
        server.postJson("/api/tasks", modelCall("gpt-5", 1200, 0.25));

        List<Object> history = dataList(server.get("/api/history?limit=1"));

        @SuppressWarnings("unchecked")
        Map<String, Object> newest = (Map<String, Object>) history.get(0);
        assertThat(newest).containsEntry("model", "gpt-5").containsEntry("provider", "openai")
                .containsEntry("input_tokens", 1200).containsEntry("output_tokens", 10)
                .containsEntry("cost_usd", 0.25).containsEntry("trace_id", null).containsEntry("agent", "planner");
    }

    @Test
    void modelsTakesNoArguments() {
        assertError(server.get("/api/models?agent=x"), 400, "invalid_argument",
                "unknown argument 'agent'; this operation takes no arguments");
    }

    private static String modelCall(String model, long inputTokens, double costUsd) {
        return "{\"name\":\"chat " + model + "\",\"duration_ms\":3,\"success\":true,\"agent\":\"planner\","
                + "\"model\":\"" + model + "\",\"provider\":\"openai\",\"input_tokens\":" + inputTokens
                + ",\"output_tokens\":10,\"cost_usd\":" + costUsd + "}";
    }

    private static long sum(Object column) {
        return ((List<?>) column).stream().mapToLong(value -> ((Number) value).longValue()).sum();
    }
}
