package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.OtlpReceiver;
import dev.agentmeter.testing.OtlpReceiver.ReceivedSpan;
import dev.agentmeter.testing.TestSettings;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * A running AgentMeter with an OTLP endpoint: tasks reported over its API leave as spans, and its {@code /metrics}
 * and {@code /api/server} say how export goes.
 */
@Timeout(60)
class OtlpExportEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private Running running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop();
        }
    }

    private void start(OtlpReceiver receiver) throws Exception {
        running = AgentMeter.start(TestSettings.builder()
                .otlpExport(OtlpDestination.forBaseUrl("test", receiver.url().toString())).build());
    }

    @Test
    void reportedTasksLeaveAsSpansWithTheirModelTokensErrorsAndTrace() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            start(receiver);

            post("/api/tasks", "[{\"name\":\"answer\",\"duration_ms\":250,\"success\":true,\"agent\":\"writer\","
                    + "\"model\":\"gpt-4o\",\"provider\":\"openai\",\"input_tokens\":900,\"output_tokens\":120,"
                    + "\"cost_usd\":0.0021,\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"},"
                    + "{\"name\":\"fetch\",\"duration_ms\":40,\"success\":false,\"error\":\"timeout\"}]");

            await().atMost(TIMEOUT).until(() -> receiver.acceptedSpans().size() == 2);

            var spans = receiver.acceptedSpans();
            assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("answer", "fetch");
            ReceivedSpan answer = spans.stream().filter(span -> span.name().equals("answer")).findFirst().orElseThrow();
            assertThat(answer.attribute("gen_ai.operation.name")).contains("chat");
            assertThat(answer.attribute("gen_ai.request.model")).contains("gpt-4o");
            assertThat(answer.attribute("gen_ai.provider.name")).contains("openai");
            assertThat(answer.attribute("gen_ai.usage.input_tokens")).contains(900L);
            assertThat(answer.attribute("gen_ai.usage.output_tokens")).contains(120L);
            assertThat(answer.attribute("gen_ai.usage.cost")).contains(0.0021);
            assertThat(answer.attribute("gen_ai.agent.name")).contains("writer");
            assertThat(answer.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(answer.durationNanos()).isEqualTo(250_000_000L);
            ReceivedSpan fetch = spans.stream().filter(span -> span.name().equals("fetch")).findFirst().orElseThrow();
            assertThat(fetch.attribute("gen_ai.operation.name")).contains("execute_tool");
            assertThat(fetch.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(fetch.span().getStatus().getMessage()).isEqualTo("timeout");
        }
    }

    @Test
    void metricsAndServerStatusCountWhatLeftAndWhatWasDropped() throws Exception {
        try (var receiver = OtlpReceiver.answering(400)) {
            start(receiver);
            post("/api/tasks", "{\"name\":\"refused\",\"duration_ms\":1,\"success\":true}");
            await().atMost(TIMEOUT).until(() -> running.otlpExport().view().refusedSpans() == 1);
            post("/api/tasks", "{\"name\":\"taken\",\"duration_ms\":1,\"success\":true}");
            await().atMost(TIMEOUT).until(() -> running.otlpExport().view().exportedSpans() == 1);

            var exposition = ExpositionParser.parse(get("/metrics"));
            assertThat(exposition.value("agentmeter_otlp_spans_exported_total", Map.of())).hasValue(1.0);
            assertThat(exposition.value("agentmeter_otlp_spans_dropped_total", Map.of("reason", "refused")))
                    .hasValue(1.0);
            assertThat(exposition.value("agentmeter_otlp_spans_dropped_total", Map.of("reason", "queue_full")))
                    .hasValue(0.0);
            assertThat(exposition.value("agentmeter_otlp_queue_spans", Map.of())).hasValue(0.0);

            JsonNode export = JSON.readTree(get("/api/server")).path("data").path("otlp_export");
            assertThat(export.path("endpoint").asText()).isEqualTo(receiver.url() + "/v1/traces");
            assertThat(export.path("exported_spans").asLong()).isEqualTo(1);
            assertThat(export.path("refused_spans").asLong()).isEqualTo(1);
            assertThat(export.path("dropped_spans").asLong()).isZero();
            assertThat(export.path("queue_capacity").asInt()).isEqualTo(10_000);
            assertThat(export.path("failing").asBoolean()).isFalse();
        }
    }

    @Test
    void withoutAnEndpointThereIsNoExportAndNoExportFigures() throws Exception {
        running = AgentMeter.start(TestSettings.forTests());

        assertThat(running.otlpExport()).isNull();
        assertThat(JSON.readTree(get("/api/server")).path("data").path("otlp_export").isNull()).isTrue();
        assertThat(ExpositionParser.parse(get("/metrics")).types()).doesNotContainKey("agentmeter_otlp_queue_spans");
    }

    private void post(String path, String body) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String get(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + running.httpPort() + path);
    }
}
