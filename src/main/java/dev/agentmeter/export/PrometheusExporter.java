package dev.agentmeter.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.operations.FleetInstanceView;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * AgentMeter's figures for Prometheus ({@code GET /metrics}): the agent tasks ({@link TaskExporter}), the model calls
 * with their tokens and cost ({@link ModelCallExporter}), the server's own routes and tools ({@link SelfMetrics}), the
 * MCP requests it answers ({@link McpOperationMetrics}), open event streams, and the JVM (memory, threads, GC, from
 * Prometheus' own JVM instrumentation). Each instance has its own registry, so several AgentMeters can run in one JVM.
 * A scrape is written in the text format the client asks for: OpenMetrics when its {@code Accept} header asks for it,
 * the Prometheus text format otherwise.
 *
 * <p>Thread-safe.
 */
public final class PrometheusExporter {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final TaskExporter tasks;
    private final ModelCallExporter modelCalls;
    private final SelfMetrics self;
    private final McpOperationMetrics mcpOperations;
    private final ServerStatusReport status;
    /** Whether Prometheus' JVM instrumentation is registered yet: at the first scrape, see {@link #scrape}. */
    private volatile boolean jvmMetricsRegistered;

    /**
     * @param maxTaskNames     the core's distinct-name cap, which the {@code task} label shares
     * @param openEventStreams how many live dashboard streams are open, read at each scrape
     */
    public PrometheusExporter(int maxTaskNames, Clock clock, Instant startedAt, IntSupplier openEventStreams) {
        this(maxTaskNames, clock, startedAt, openEventStreams, List::of);
    }

    /** @param instances the instances that share this one's database, for {@code /api/server}; none without one */
    public PrometheusExporter(int maxTaskNames, Clock clock, Instant startedAt, IntSupplier openEventStreams,
                              Supplier<List<FleetInstanceView>> instances) {
        var taskLabels = new TaskLabels(maxTaskNames);
        tasks = new TaskExporter(taskLabels, registry);
        modelCalls = new ModelCallExporter(taskLabels, registry);
        self = new SelfMetrics(registry);
        mcpOperations = new McpOperationMetrics(registry);
        status = new ServerStatusReport(self, clock, startedAt, openEventStreams, instances);
        GaugeWithCallback.builder()
                .name("agentmeter_event_streams_open")
                .help("Live dashboard event streams open now.")
                .callback(callback -> callback.call(openEventStreams.getAsInt()))
                .register(registry);
    }

    /** Feeds the task and model-call series; give it to {@code PerformanceMetrics.addEventListener}. */
    public void onMetricsEvent(MetricsEvent event) {
        tasks.onMetricsEvent(event);
        modelCalls.onMetricsEvent(event);
    }

    /**
     * Adds the OTLP exporter's figures to every scrape and to {@code /api/server}; called once, when AgentMeter
     * exports spans. Only the figures pass here, so nothing of the OpenTelemetry SDK loads without export.
     */
    public void watchOtlpExport(Supplier<OtlpExportView> figures) {
        OtlpExportSeries.register(registry, figures);
        status.watchOtlpExport(figures);
    }

    /** One answer of an API route ({@code route} from the route table, so the label stays bounded). */
    public void observeHttpRequest(String route, String method, int status, long durationNanos) {
        self.observeHttp(route, method, status, durationNanos);
    }

    /** One MCP tool call, and whether it answered an error envelope. */
    public void observeToolCall(String tool, boolean error, long durationNanos) {
        self.observeTool(tool, error, durationNanos);
    }

    /**
     * One MCP request answered, labelled as the semantic conventions label {@code mcp.server.operation.duration};
     * see {@code dev.agentmeter.mcp.McpOperationObserver} for the arguments.
     */
    public void observeMcpOperation(String method, String toolName, String protocolVersion, String errorType,
                                    long durationNanos) {
        mcpOperations.observe(method, toolName, protocolVersion, errorType, durationNanos);
    }

    /**
     * {@code count} items of an OTLP request ({@code signal}: traces, logs or metrics) that ended as
     * {@code outcome} (recorded, rejected or ignored).
     */
    public void observeOtlpItems(String signal, String outcome, long count) {
        self.observeOtlpItems(signal, outcome, count);
    }

    /** The server-health panel's figures. */
    public ServerStatusView serverStatusView() {
        return status.view();
    }

    /**
     * Every series, in the format {@code acceptHeader} asks for (null: the Prometheus text format). The first scrape
     * registers the JVM's series: their instrumentation starts the platform MBean server (JMX and the diagnostic
     * commands, with their classes and objects), which a process that is never scraped (an MCP client's {@code --stdio}
     * process, most often) then never loads; README, "Memory in --stdio mode". The JVM's own counters (GC, class
     * loading, CPU) count from its start either way; only {@code jvm_memory_pool_allocated_bytes_total} counts from the
     * first scrape.
     */
    public Scrape scrape(String acceptHeader) {
        registerJvmMetricsOnce();
        ExpositionFormatWriter writer = formats.findWriter(acceptHeader);
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        var out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return new Scrape(writer.getContentType(), out.toString(StandardCharsets.UTF_8));
    }

    private void registerJvmMetricsOnce() {
        if (jvmMetricsRegistered) {
            return;
        }
        synchronized (this) {
            if (!jvmMetricsRegistered) {
                JvmMetrics.builder().register(registry);
                jvmMetricsRegistered = true;
            }
        }
    }

    /** A written scrape: its content type and text. */
    public record Scrape(String contentType, String body) {
    }
}
