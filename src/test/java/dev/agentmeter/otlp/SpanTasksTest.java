package dev.agentmeter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

class SpanTasksTest {

    private final SpanTasks spans = new SpanTasks();

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue number(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static Span.Builder span(String name, KeyValue... attributes) {
        return Span.newBuilder().setName(name).setStartTimeUnixNano(1_000_000_000L).setEndTimeUnixNano(1_250_000_000L)
                .addAllAttributes(java.util.List.of(attributes));
    }

    private TaskBatch of(String service, Span.Builder... items) {
        var scope = ScopeSpans.newBuilder();
        for (Span.Builder item : items) {
            scope.addSpans(item);
        }
        return spans.of(ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(text("service.name", service))).addScopeSpans(scope))
                .build());
    }

    @Test
    void aSpanEndingBeforeItStartsHasANegativeDurationForTheRulesToRefuse() {
        assertThat(SpanTasks.durationMillis(2_000_000, 1_000_000)).isEqualTo(-1.0);
        assertThat(SpanTasks.durationMillis(0, -1L)).as("unsigned nanoseconds").isEqualTo(1.8446744073709552E13);
    }

    @Test
    void theResponseModelWinsOverTheRequestModelWhateverTheirOrder() {
        TaskBatch batch = of("agent", span("chat m", text("gen_ai.request.model", "asked"),
                text("gen_ai.operation.name", "chat"), text("gen_ai.response.model", "answered")));

        assertThat(batch.tasks().get(0)).containsEntry("model", "answered");
    }

    @Test
    void onlyModelCallsCarryModelTokensAndCost() {
        TaskBatch batch = of("agent",
                span("invoke_agent", text("gen_ai.operation.name", "invoke_agent"), text("gen_ai.request.model", "m"),
                        number("gen_ai.usage.input_tokens", 9)),
                span("chain", text("openinference.span.kind", "CHAIN"), number("llm.token_count.prompt", 9)),
                span("embed", text("openinference.span.kind", "EMBEDDING"), number("llm.token_count.prompt", 9)));

        assertThat(batch.tasks().get(0)).doesNotContainKeys("model", "input_tokens", "provider");
        assertThat(batch.tasks().get(1)).doesNotContainKeys("input_tokens");
        assertThat(batch.tasks().get(2)).containsEntry("input_tokens", 9L);
        assertThat(batch.sendersWithUsage()).containsExactly("agent");
    }

    @Test
    void numbersSentAsTextAreReadAsNumbersAndOtherTextIsLeftForTheRules() {
        TaskBatch batch = of("agent", span("chat m", text("gen_ai.operation.name", "chat"),
                text("gen_ai.usage.input_tokens", "1200"), text("gen_ai.usage.output_tokens", "many")));

        assertThat(batch.tasks().get(0)).containsEntry("input_tokens", 1200L).containsEntry("output_tokens", "many");
    }

    @Test
    void anErrorTypeFailsTheTaskEvenWithAnUnsetStatus() {
        TaskBatch batch = of("agent",
                span("execute_tool x", text("gen_ai.operation.name", "execute_tool"), text("error.type", "timeout")),
                span("execute_tool y", text("gen_ai.operation.name", "execute_tool"))
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)));

        assertThat(batch.tasks().get(0)).containsEntry("success", false).containsEntry("error", "timeout");
        assertThat(batch.tasks().get(1)).containsEntry("success", false).doesNotContainKey("error");
    }

    @Test
    void aSpanTaskHasTheContractsFieldsOnly() {
        TaskBatch batch = of("travel-agent", span("tools/call read_file", text("mcp.method.name", "tools/call"))
                .setTraceId(ByteString.fromHex("4bf92f3577b34da6a3ce929d0e0e4736")));

        Map<String, Object> task = batch.tasks().get(0);
        assertThat(task).containsOnlyKeys("name", "duration_ms", "success", "agent", "trace_id")
                .containsEntry("duration_ms", 250.0).containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(batch.ignored()).isZero();
    }
}
