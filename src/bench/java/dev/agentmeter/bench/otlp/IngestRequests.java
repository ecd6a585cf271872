package dev.agentmeter.bench.otlp;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;

import com.google.protobuf.ByteString;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * The same tasks two ways: as an OTLP trace export (binary protobuf, one span per task with the GenAI
 * attributes an instrumented agent sends) and as the JSON array {@code POST /api/tasks} takes. Each task is a
 * model call or a tool call, with a name, a duration, an outcome, an agent, a model, a provider, tokens and a
 * trace id; built from a fixed seed, so every run sends the same bytes.
 */
final class IngestRequests {

    private static final String[] MODELS = {"acme-chat-1", "acme-chat-2", "acme-mini"};
    private static final String[] TOOLS = {"web_search", "read_file", "run_tests", "write_file"};
    private static final long T0 = 1_767_225_600_000_000_000L;

    private final byte[] protobuf;
    private final byte[] json;
    private final int tasks;

    private IngestRequests(byte[] protobuf, byte[] json, int tasks) {
        this.protobuf = protobuf;
        this.json = json;
        this.tasks = tasks;
    }

    static IngestRequests of(int tasks, long seed) {
        var random = new Random(seed);
        var scope = ScopeSpans.newBuilder();
        var array = new StringJoiner(",", "[", "]");
        var hex = HexFormat.of();
        for (int i = 0; i < tasks; i++) {
            byte[] traceId = new byte[16];
            byte[] spanId = new byte[8];
            random.nextBytes(traceId);
            random.nextBytes(spanId);
            traceId[0] |= 1; // never all zero
            long durationNanos = 1_000_000L + random.nextInt(5_000) * 1_000_000L;
            boolean success = random.nextInt(20) != 0;
            boolean modelCall = i % 2 == 0;
            String model = MODELS[random.nextInt(MODELS.length)];
            String name = modelCall ? "chat " + model : "execute_tool " + TOOLS[random.nextInt(TOOLS.length)];
            long input = 100 + random.nextInt(5_000);
            long output = 10 + random.nextInt(1_000);
            var span = Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
                    .setName(name).setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(T0 + i * 1_000L)
                    .setEndTimeUnixNano(T0 + i * 1_000L + durationNanos)
                    .addAttributes(text("gen_ai.operation.name", modelCall ? "chat" : "execute_tool"))
                    .addAttributes(text("gen_ai.agent.name", "bench-agent"));
            var task = new StringBuilder("{\"name\":\"").append(name).append("\",\"duration_ms\":")
                    .append(String.format(Locale.ROOT, "%.3f", durationNanos / 1e6)).append(",\"success\":")
                    .append(success).append(",\"agent\":\"bench-agent\"");
            if (!success) {
                span.setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder()
                        .setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR)
                        .setMessage("upstream timeout"));
                task.append(",\"error\":\"upstream timeout\"");
            }
            if (modelCall) {
                span.addAttributes(text("gen_ai.request.model", model)).addAttributes(text("gen_ai.provider.name", "acme"))
                        .addAttributes(number("gen_ai.usage.input_tokens", input))
                        .addAttributes(number("gen_ai.usage.output_tokens", output));
                task.append(",\"model\":\"").append(model).append("\",\"provider\":\"acme\",\"input_tokens\":")
                        .append(input).append(",\"output_tokens\":").append(output);
            }
            task.append(",\"trace_id\":\"").append(hex.formatHex(traceId)).append("\"}");
            scope.addSpans(span);
            array.add(task);
        }
        var request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(text("service.name", "bench-service")))
                .addScopeSpans(scope)).build();
        return new IngestRequests(request.toByteArray(), array.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                tasks);
    }

    byte[] protobuf() {
        return protobuf;
    }

    byte[] json() {
        return json;
    }

    int tasks() {
        return tasks;
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue number(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
