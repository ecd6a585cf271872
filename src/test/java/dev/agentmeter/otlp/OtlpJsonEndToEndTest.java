package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.SdkTelemetry.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.sdk.trace.data.SpanData;

/** OTLP JSON, written by the SDK's own marshalers from SDK data: hex ids, int64 as strings, integer enums. */
@Timeout(60)
class OtlpJsonEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OtlpTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = OtlpTestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttpResponse<byte[]> postJson(String path, byte[] body) {
        return server.post(path, "application/json", body, Map.of());
    }

    @Test
    void spansInOtlpJsonBecomeTasksWithTheirHexTraceIds() {
        List<SpanData> spans = CapturedTelemetry.spans(service("travel-agent"), tracer -> {
            tracer.spanBuilder("execute_tool web_search").setAttribute("gen_ai.operation.name", "execute_tool")
                    .setStartTimestamp(1_000_000, TimeUnit.NANOSECONDS).startSpan()
                    .end(43_000_000, TimeUnit.NANOSECONDS);
            tracer.spanBuilder("GET /").startSpan().end();
        });
        byte[] body = CapturedTelemetry.json(spans);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(spans.get(0).getTraceId());

        HttpResponse<byte[]> response = postJson("/v1/traces", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        JsonNode entry = server.data("/api/history?limit=5").get(0);
        assertThat(entry.path("endpoint").asText()).isEqualTo("execute_tool web_search");
        assertThat(entry.path("response_time_ms").asDouble()).isEqualTo(42.0);
        assertThat(entry.path("trace_id").asText()).isEqualTo(spans.get(0).getTraceId());
        assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void aRefusedSpanIsCountedInThePartialSuccessInJson() throws Exception {
        List<SpanData> spans = CapturedTelemetry.spans(service("travel-agent"), tracer -> {
            tracer.spanBuilder("chat acme-chat-1").setAttribute("gen_ai.operation.name", "chat").startSpan().end();
            tracer.spanBuilder("chat acme-chat-1").setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.usage.input_tokens", 5_000_000_000L).startSpan().end();
        });

        HttpResponse<byte[]> response = postJson("/v1/traces", CapturedTelemetry.json(spans));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode partial = JSON.readTree(response.body()).path("partialSuccess");
        assertThat(partial.path("rejectedSpans").asText()).isEqualTo("1");
        assertThat(partial.path("errorMessage").asText()).isEqualTo("1 of 2 spans was refused: span "
                + spans.get(1).getSpanId() + ": input_tokens must be between 0 and 100000000 (got 5000000000)");
        assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void logRecordsInOtlpJsonBecomeTasks() {
        var logs = CapturedTelemetry.logs(service("claude-code"), logger -> logger.logRecordBuilder()
                .setBody("claude_code.tool_result").setAttribute("tool_name", "Bash").setAttribute("success", "true")
                .setAttribute("duration_ms", "15").emit());

        HttpResponse<byte[]> response = postJson("/v1/logs", CapturedTelemetry.logsJson(logs));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(server.data("/api/history?limit=5").get(0).path("endpoint").asText())
                .isEqualTo("execute_tool Bash");
    }
}
