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

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.trace.data.SpanData;

/** One bad item refuses that item only: the others are recorded, and the answer counts what was refused. */
@Timeout(60)
class OtlpPartialSuccessTest {

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
