package dev.agentmeter.otlp;

import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import dev.agentmeter.operations.PerformanceOperations;

/**
 * The OTLP/HTTP receiver: any OpenTelemetry-instrumented agent reports to AgentMeter. Spans and log events
 * become tasks through {@link PerformanceOperations#recordEach} (the rules of {@code POST /api/tasks}, item by
 * item, durable before the answer); usage metrics go into the token and cost totals through
 * {@code recordUsage}. The wiring mounts {@link #servlet} at {@code /v1/*} on the main HTTP server, behind the
 * same token, rate limit and body limit as {@code /api}.
 */
public final class OtlpReceiver {

    /** Longer than storage takes to confirm anything but a stuck disk. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /** Senders remembered by the double-counting rule. */
    public static final int MAX_USAGE_SENDERS = 10_000;
    /** Cumulative metric series remembered to turn their points into deltas. */
    public static final int MAX_CUMULATIVE_SERIES = 10_000;

    private OtlpReceiver() {
    }

    /**
     * The servlet of {@code /v1/traces}, {@code /v1/logs} and {@code /v1/metrics}.
     *
     * @param maxBodyBytes the largest body accepted, counted as sent and again once gzip is undone: the web
     *                     server's own body limit, so that both trip at the same figure
     */
    public static HttpServlet servlet(PerformanceOperations operations, OtlpObserver observer, int maxBodyBytes) {
        var sources = new UsageSources(MAX_USAGE_SENDERS);
        var spans = new SpanTasks();
        var events = new EventTasks();
        Map<Signal, SignalIngest> ingests = Map.of(
                Signal.TRACES, new TaskIngest(Signal.TRACES, request -> spans.of((ExportTraceServiceRequest) request),
                        operations, sources, observer),
                Signal.LOGS, new TaskIngest(Signal.LOGS, request -> events.of((ExportLogsServiceRequest) request),
                        operations, sources, observer),
                Signal.METRICS, new MetricIngest(new MetricUsage(sources, new CumulativeSeries(MAX_CUMULATIVE_SERIES)),
                        operations::recordUsage, observer));
        return new OtlpServlet(new BodyReader(maxBodyBytes), new RequestDecoder(), ingests,
                new AnswerWriter(ANSWER_TIMEOUT));
    }
}
