package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.Target.AGENT;
import static dev.agentmeter.otlp.Target.ERROR_TYPE;
import static dev.agentmeter.otlp.Target.OPERATION;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * Spans to tasks: a span that names an operation ({@code gen_ai.operation.name}, {@code mcp.method.name}, or
 * OpenInference's {@code openinference.span.kind}) is one task; any other span is ignored (and counted).
 * The task is named as the span is; it lasted from the span's start to its end; it failed when the span's
 * status is ERROR or it has an {@code error.type}, with the status message, else the error type, as its error;
 * its agent is {@code gen_ai.agent.name}, else the resource's {@code service.name}. A model call also carries
 * what {@link TaskObject} takes from it.
 *
 * <p>Thread-safe (stateless).
 */
final class SpanTasks {

    private static final Map<String, Set<String>> MODEL_CALLS = MappingTable.MODEL_CALLS.stream()
            .collect(Collectors.groupingBy(MappingTable.ModelCallMarker::key,
                    Collectors.mapping(MappingTable.ModelCallMarker::value, Collectors.toUnmodifiableSet())));
    private static final HexFormat HEX = HexFormat.of();
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    TaskBatch of(ExportTraceServiceRequest request) {
        var tasks = new ArrayList<Map<String, Object>>();
        var taskSpans = new ArrayList<Span>();
        var sendersWithUsage = new HashSet<String>();
        int ignored = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            var resource = new Found();
            AttributeReader.TABLE.read(Scope.RESOURCE, resourceSpans.getResource().getAttributesList(), resource);
            String sender = Senders.of(resource.text(AGENT));
            Found found = new Found();
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    found.resetTo(resource);
                    AttributeReader.TABLE.read(Scope.SPAN, span.getAttributesList(), found);
                    if (!found.has(OPERATION)) {
                        ignored++;
                        continue;
                    }
                    boolean modelCall = isModelCall(found);
                    if (modelCall && TaskObject.hasUsage(found)) {
                        sendersWithUsage.add(sender);
                    }
                    tasks.add(task(span, found, modelCall));
                    taskSpans.add(span);
                }
            }
        }
        return new TaskBatch(tasks, index -> label(taskSpans.get(index)), ignored, sendersWithUsage);
    }

    private static String label(Span span) {
        return span.getSpanId().isEmpty() ? "a span without id" : "span " + HEX.formatHex(span.getSpanId().toByteArray());
    }

    private static Map<String, Object> task(Span span, Found found, boolean modelCall) {
        Object errorType = found.get(ERROR_TYPE);
        boolean failed = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR || errorType != null;
        Object error = !span.getStatus().getMessage().isBlank() ? span.getStatus().getMessage() : errorType;
        return TaskObject.of(span.getName(), durationMillis(span.getStartTimeUnixNano(), span.getEndTimeUnixNano()),
                !failed, error, found, modelCall, null, span.getTraceId());
    }

    private static boolean isModelCall(Found found) {
        return MODEL_CALLS.getOrDefault(found.row(OPERATION).key(), Set.of()).contains(found.text(OPERATION));
    }

    /**
     * End minus start in milliseconds, negative when the span ends before it starts (the task rules refuse
     * it). The times are unsigned 64-bit nanoseconds, so the difference is taken as such.
     */
    static double durationMillis(long startNanos, long endNanos) {
        boolean negative = Long.compareUnsigned(endNanos, startNanos) < 0;
        long magnitude = negative ? startNanos - endNanos : endNanos - startNanos;
        double millis = unsigned(magnitude) / NANOS_PER_MILLI;
        return negative ? -millis : millis;
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }
}
