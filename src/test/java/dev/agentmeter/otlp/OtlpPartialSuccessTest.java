package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.SdkTelemetry.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.trace.data.SpanData;

/** One bad item refuses that item only: the others are recorded, and the answer counts what was refused. */
@Timeout(60)
class OtlpPartialSuccessTest {

    private static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");

    private OtlpTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = OtlpTestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aThousandSpansWithOneAbsurdTokenCountRecordNineHundredNinetyNine() throws Exception {
        List<SpanData> spans = CapturedTelemetry.spans(service("travel-agent"), tracer -> {
            for (int i = 0; i < 1000; i++) {
                var span = tracer.spanBuilder("chat acme-chat-" + i % 3).setAttribute("gen_ai.operation.name", "chat")
                        .setAttribute("gen_ai.request.model", "acme-chat-" + i % 3)
                        .setAttribute("gen_ai.usage.input_tokens", i == 617 ? 100_000_001L : 10L);
                span.startSpan().end();
            }
        });

        HttpResponse<byte[]> response = server.post("/v1/traces", "application/x-protobuf",
                CapturedTelemetry.protobuf(spans), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        var answer = ExportTraceServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).isEqualTo("1 of 1000 spans was refused: span "
                + spans.get(617).getSpanId() + ": input_tokens must be between 0 and 100000000 (got 100000001)");
        assertThat(server.totalRequests()).isEqualTo(999);
        assertThat(server.prometheus())
                .contains("agentmeter_otlp_items_total{outcome=\"recorded\",signal=\"traces\"} 999.0")
                .contains("agentmeter_otlp_items_total{outcome=\"rejected\",signal=\"traces\"} 1.0");
    }

    @Test
    void aRefusedEventIsCountedAsARejectedLogRecord() throws Exception {
        var logs = CapturedTelemetry.logs(service("claude-code"), logger -> {
            logger.logRecordBuilder().setBody("claude_code.tool_result").setAttribute("tool_name", "Bash")
                    .setAttribute("success", "true").setAttribute("duration_ms", "12").emit();
            logger.logRecordBuilder().setBody("claude_code.tool_result").setAttribute("tool_name", "Bash")
                    .setAttribute("success", "maybe").setAttribute("duration_ms", "12").emit();
        });

        HttpResponse<byte[]> response = server.post("/v1/logs", "application/x-protobuf",
                CapturedTelemetry.logsProtobuf(logs), Map.of());

        var answer = ExportLogsServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).isEqualTo("1 of 2 log records was refused: "
                + "log record 1 (tool_result): success must be a boolean (true or false), got string \"maybe\"");
        assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void refusedUsageIsCountedAsRejectedDataPointsAndTheRestIsRecorded() throws Exception {
        var metrics = CapturedTelemetry.metrics(service("claude-code"), AggregationTemporality.DELTA, meter -> {
            var tokens = meter.counterBuilder("claude_code.token.usage").build();
            tokens.add(500, Attributes.of(TYPE, "input", MODEL, "claude-sonnet-4-5"));
            tokens.add(200_000_000, Attributes.of(TYPE, "input", MODEL, "claude-opus-4-1"));
        });

        HttpResponse<byte[]> response = server.post("/v1/metrics", "application/x-protobuf",
                CapturedTelemetry.metricsProtobuf(metrics), Map.of());

        var answer = ExportMetricsServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
        // Three points: the SDK adds one of its own (otel.sdk.metric_reader.collection.duration), ignored.
        assertThat(answer.getPartialSuccess().getErrorMessage()).startsWith("1 of 3 data points were refused: "
                + "the usage of model claude-opus-4-1 from 1 point(s): input_tokens must be between 0 and 100000000");
        assertThat(server.data("/api/metrics").path("total_input_tokens").asLong()).isEqualTo(500);
    }

    @Test
    void aFullSuccessLeavesThePartialSuccessUnset() throws Exception {
        List<SpanData> spans = CapturedTelemetry.spans(service("travel-agent"), tracer ->
                tracer.spanBuilder("invoke_agent").setAttribute("gen_ai.operation.name", "invoke_agent").startSpan()
                        .end());

        HttpResponse<byte[]> response = server.post("/v1/traces", "application/x-protobuf",
                CapturedTelemetry.protobuf(spans), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
    }
}
