package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.SdkTelemetry.succeeded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Telemetry made by the OpenTelemetry Java SDK and kept instead of sent, then written as a real OTLP request
 * with the SDK's own marshalers: binary protobuf, or OTLP JSON (which the SDK's exporters have no public switch
 * for). So tests post exactly what an exporter would, and can read the answer themselves.
 */
final class CapturedTelemetry {

    private CapturedTelemetry() {
    }

    static List<SpanData> spans(Resource resource, Consumer<Tracer> emit) {
        var kept = new ArrayList<SpanData>();
        try (var provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(new KeepingSpans(kept))).build()) {
            emit.accept(provider.get("agentmeter-test"));
            succeeded(provider.forceFlush());
        }
        return kept;
    }

    static List<LogRecordData> logs(Resource resource, Consumer<Logger> emit) {
        var kept = new ArrayList<LogRecordData>();
        try (var provider = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(new KeepingLogs(kept))).build()) {
            emit.accept(provider.get("agentmeter-test"));
            succeeded(provider.forceFlush());
        }
        return kept;
    }

    /** What one collection of the meter's instruments exports, with the given temporality. */
    static List<MetricData> metrics(Resource resource, AggregationTemporality temporality, Consumer<Meter> emit) {
        var kept = new ArrayList<MetricData>();
        try (var provider = SdkMeterProvider.builder().setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(new KeepingMetrics(kept, temporality))
                        .setInterval(Duration.ofHours(1)).build()).build()) {
            emit.accept(provider.get("agentmeter-test"));
            succeeded(provider.forceFlush());
        }
        return kept;
    }

    static byte[] protobuf(Collection<SpanData> spans) {
        return binary(TraceRequestMarshaler.create(spans));
    }

    static byte[] json(Collection<SpanData> spans) {
        return json(TraceRequestMarshaler.create(spans));
    }

    static byte[] logsProtobuf(Collection<LogRecordData> logs) {
        return binary(LogsRequestMarshaler.create(logs));
    }

    static byte[] logsJson(Collection<LogRecordData> logs) {
        return json(LogsRequestMarshaler.create(logs));
    }

    static byte[] metricsProtobuf(Collection<MetricData> metrics) {
        return binary(MetricsRequestMarshaler.create(metrics));
    }

    static byte[] metricsJson(Collection<MetricData> metrics) {
        return json(MetricsRequestMarshaler.create(metrics));
    }

    private static byte[] binary(Marshaler request) {
        var out = new ByteArrayOutputStream();
        try {
            request.writeBinaryTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] json(Marshaler request) {
        var out = new ByteArrayOutputStream();
        try {
            request.writeJsonTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private record KeepingSpans(List<SpanData> kept) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            kept.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private record KeepingLogs(List<LogRecordData> kept) implements LogRecordExporter {
        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            kept.addAll(logs);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private record KeepingMetrics(List<MetricData> kept, AggregationTemporality temporality) implements MetricExporter {
        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return temporality;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            kept.addAll(metrics);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
