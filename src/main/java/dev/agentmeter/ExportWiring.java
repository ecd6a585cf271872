package dev.agentmeter;

import java.time.Clock;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.agentmeter.export.OtlpDestination;
import dev.agentmeter.export.OtlpExportOptions;
import dev.agentmeter.export.OtlpTaskExporter;
import dev.agentmeter.export.PrometheusExporter;
import dev.agentmeter.export.TaskOrigin;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.storage.postgres.PostgresStore;

/**
 * The exporters fed by every task: Prometheus behind {@code GET /metrics} always, and OTLP spans when an
 * endpoint is set.
 *
 * @param prometheus the Prometheus exporter
 * @param otlp       the OTLP exporter; null without an endpoint
 */
record ExportWiring(PrometheusExporter prometheus, OtlpTaskExporter otlp) {

    /**
     * The Prometheus exporter, not yet fed: built on a thread of its own while storage is rebuilt on another (issue
     * 15, start-up; see {@link ExporterOnceBuilt}), and fed by {@link #start} once the rebuild is done, so that, as
     * before, it never counts the rebuilt tasks.
     *
     * @param openEventStreams live dashboard streams open now, for {@code /metrics}
     * @param fleet            the shared store whose instances {@code /metrics} lists; gives null for none, or
     *                         while storage is still starting
     */
    static PrometheusExporter prometheus(PerformanceMetrics metrics, IntSupplier openEventStreams,
                                         Supplier<PostgresStore> fleet) {
        return new PrometheusExporter(metrics.capacities().maxTaskNames(), Clock.systemUTC(), metrics.startedAt(),
                openEventStreams, () -> {
                    PostgresStore store = fleet.get();
                    return store == null ? List.of() : store.instances();
                });
    }

    /** Feeds {@code prometheus} every task recorded from now on, and starts OTLP when an endpoint is set. */
    static ExportWiring start(Settings settings, PerformanceMetrics metrics, PrometheusExporter prometheus) {
        metrics.addEventListener(prometheus::onMetricsEvent);
        OtlpTaskExporter otlp = settings.otlpExport() == null ? null
                : startOtlp(settings.otlpExport(), metrics, prometheus);
        return new ExportWiring(prometheus, otlp);
    }

    /**
     * Every task recorded from now on (not those rebuilt from storage) also leaves as a span. The OpenTelemetry
     * SDK loads here and only here: without an endpoint, start-up pays nothing for it.
     */
    private static OtlpTaskExporter startOtlp(OtlpDestination destination, PerformanceMetrics metrics,
                                              PrometheusExporter prometheus) {
        var otlp = OtlpTaskExporter.start(destination, TaskOrigin.RECORDED, Version.current(),
                OtlpExportOptions.defaults());
        metrics.addEventListener(otlp::onMetricsEvent);
        prometheus.watchOtlpExport(otlp::view);
        return otlp;
    }
}
