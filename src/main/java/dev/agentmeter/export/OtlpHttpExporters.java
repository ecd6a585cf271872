package dev.agentmeter.export;

import java.time.Duration;
import java.util.logging.Level;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Builds the OpenTelemetry SDK's OTLP/HTTP span exporter (protobuf, sent by the JDK's HTTP client) for a
 * destination, with the SDK's retry policy: up to 5 attempts on 429, 502, 503, 504 and network errors, waits
 * doubling from {@link OtlpExportOptions#firstBackoff()}, all within {@link OtlpExportOptions#exportTimeout()}.
 * Stateless.
 */
final class OtlpHttpExporters {

    /** The SDK's own ceiling on attempts per export. */
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private OtlpHttpExporters() {
    }

    static SpanExporter of(OtlpDestination destination, OtlpExportOptions options) {
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint(destination.tracesUri().toString())
                .setTimeout(options.exportTimeout())
                .setConnectTimeout(min(options.exportTimeout(), MAX_CONNECT_TIMEOUT))
                .setRetryPolicy(RetryPolicy.builder()
                        .setMaxAttempts(MAX_ATTEMPTS)
                        .setInitialBackoff(options.firstBackoff())
                        .setMaxBackoff(options.maxBackoff())
                        .setBackoffMultiplier(2)
                        .build())
                // Spans are built fresh for each request and a late answer may overlap the next request.
                .setMemoryMode(MemoryMode.IMMUTABLE_DATA)
                // No global OpenTelemetry: the exporter's own telemetry goes nowhere.
                .setMeterProvider(MeterProvider::noop);
        destination.headers().forEach(builder::addHeader);
        SpanExporter exporter = builder.build();
        quietSdkFailureLog();
        return exporter;
    }

    /**
     * The SDK logs each failed export itself, through java.util.logging, with a stack trace; the exporter logs
     * each failure episode once instead. The SDK's class holds its logger, so the level set here stays.
     */
    private static void quietSdkFailureLog() {
        java.util.logging.Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter")
                .setLevel(Level.OFF);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
