package dev.agentmeter.export;

import java.util.function.Supplier;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The OTLP exporter's figures as Prometheus series, read at each scrape:
 * {@code agentmeter_otlp_spans_exported_total}, {@code agentmeter_otlp_spans_dropped_total{reason}} (reason
 * {@code queue_full} or {@code refused}) and {@code agentmeter_otlp_queue_spans}. Stateless.
 */
final class OtlpExportSeries {

    private OtlpExportSeries() {
    }

    static void register(PrometheusRegistry registry, Supplier<OtlpExportView> figures) {
        CounterWithCallback.builder()
                .name("agentmeter_otlp_spans_exported_total")
                .help("Tasks sent as OpenTelemetry spans that the OTLP receiver took.")
                .callback(callback -> callback.call(figures.get().exportedSpans()))
                .register(registry);
        CounterWithCallback.builder()
                .name("agentmeter_otlp_spans_dropped_total")
                .help("Tasks that never left as spans: queue_full when the export queue was full, refused when "
                        + "the OTLP receiver refused them for good.")
                .labelNames("reason")
                .callback(callback -> {
                    OtlpExportView now = figures.get();
                    callback.call(now.droppedSpans(), "queue_full");
                    callback.call(now.refusedSpans(), "refused");
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("agentmeter_otlp_queue_spans")
                .help("Tasks waiting in the OTLP export queue now.")
                .callback(callback -> callback.call(figures.get().queuedSpans()))
                .register(registry);
    }
}
