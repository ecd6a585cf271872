package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.TestSettings;

/**
 * One AgentMeter exporting into another's {@code POST /v1/traces}: the receiver ends up with exactly the
 * exporter's tasks, with their agents, models, tokens, cost, errors and trace ids.
 */
@Timeout(120)
class AgentMeterToAgentMeterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int TASKS = 1_000;
    private static final int PER_REQUEST = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private Running receiver;
    private Running exporter;

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.stop();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    void theReceiverGetsExactlyTheExportersTasksWithTheirTokensAndErrors() throws Exception {
        receiver = AgentMeter.start(TestSettings.forTests());
        exporter = AgentMeter.start(TestSettings.builder().otlpExport(
                OtlpDestination.forBaseUrl("test", "http://127.0.0.1:" + receiver.httpPort())).build());

        for (int first = 0; first < TASKS; first += PER_REQUEST) {
            post(exporter, "/api/tasks", batch(first));
        }
        await().atMost(TIMEOUT).until(() -> metrics(receiver).path("total_requests").asLong() == TASKS);

        JsonNode sent = metrics(exporter);
        JsonNode received = metrics(receiver);
        for (String field : List.of("total_requests", "successful_requests", "failed_requests",
                "total_input_tokens", "total_output_tokens", "total_cache_read_tokens", "total_cache_write_tokens")) {
            assertThat(received.path(field).asLong()).as(field).isEqualTo(sent.path(field).asLong());
        }
        assertThat(received.path("failed_requests").asLong()).isEqualTo(143);
        assertThat(received.path("total_input_tokens").asLong()).isEqualTo(sent.path("total_input_tokens").asLong())
                .isPositive();
        assertThat(received.path("total_cost_usd").asDouble()).isEqualTo(sent.path("total_cost_usd").asDouble());
        // The newest 100, in the same order (one request at a time, taken in order), alike but for the time of
        // recording and the trace of a task that had none (every span has one: a new random trace).
        JsonNode sentHistory = history(exporter);
        JsonNode receivedHistory = history(receiver);
        assertThat(entries(receivedHistory)).hasSize(100).containsExactlyElementsOf(entries(sentHistory));
        for (int i = 0; i < sentHistory.size(); i++) {
            JsonNode sentTrace = sentHistory.get(i).path("trace_id");
            String receivedTrace = receivedHistory.get(i).path("trace_id").asText();
            if (sentTrace.isNull()) {
                assertThat(receivedTrace).matches("[0-9a-f]{32}");
            } else {
                assertThat(receivedTrace).isEqualTo(sentTrace.asText());
            }
        }
        OtlpExportView export = exporter.otlpExport().view();
        assertThat(export.exportedSpans()).isEqualTo(TASKS);
        assertThat(export.droppedSpans() + export.refusedSpans()).isZero();
    }

    /** Tasks {@code first} to {@code first + PER_REQUEST - 1}: a third model calls, a seventh failures. */
    private static String batch(int first) {
        var items = new ArrayList<String>();
        for (int i = first; i < first + PER_REQUEST; i++) {
            var item = new StringBuilder("{\"name\":\"task-" + (i % 13) + "\",\"duration_ms\":" + (i % 90) + ".5"
                    + ",\"agent\":\"agent-" + (i % 4) + "\"");
            item.append(i % 7 == 0 ? ",\"success\":false,\"error\":\"boom " + i + "\"" : ",\"success\":true");
            if (i % 3 == 0) {
                item.append(",\"model\":\"gpt-4o\",\"provider\":\"openai\",\"input_tokens\":").append(100 + i)
                        .append(",\"output_tokens\":").append(i % 50).append(",\"cache_read_tokens\":10")
                        .append(",\"cache_write_tokens\":5,\"cost_usd\":0.00").append(1 + i % 9);
            }
            if (i % 5 == 0) {
                item.append(",\"trace_id\":\"").append(String.format("%032x", 0xabc000L + i)).append('"');
            }
            items.add(item.append('}').toString());
        }
        return "[" + String.join(",", items) + "]";
    }

    /** What must arrive unchanged of each history entry: all but its timestamp and trace (checked apart). */
    private static List<String> entries(JsonNode history) {
        var entries = new ArrayList<String>();
        for (JsonNode entry : history) {
            ObjectNode copy = entry.deepCopy();
            copy.remove(List.of("timestamp", "trace_id"));
            entries.add(copy.toString());
        }
        return entries;
    }

    private JsonNode metrics(Running instance) throws Exception {
        return get(instance, "/api/metrics").path("data");
    }

    private JsonNode history(Running instance) throws Exception {
        return get(instance, "/api/history?limit=100").path("data");
    }

    private JsonNode get(Running instance, String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(instance, path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void post(Running instance, String path, String body) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(instance, path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static URI uri(Running instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.httpPort() + path);
    }
}
