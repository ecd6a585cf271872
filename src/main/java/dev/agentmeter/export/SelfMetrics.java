package dev.agentmeter.export;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;

/**
 * AgentMeter's own work, for monitoring the monitor: the latency of each JSON API route
 * ({@code agentmeter_http_request_duration_seconds{route,method,status}}) and of each MCP tool call
 * ({@code agentmeter_mcp_tool_duration_seconds{tool,outcome}}), and the items OTLP brought
 * ({@code agentmeter_otlp_items_total{signal,outcome}}). Labels come from fixed sets (the route table, the tool
 * list, the three signals and three outcomes), so they stay bounded.
 *
 * <p>Thread-safe: the Prometheus metrics are.
 */
final class SelfMetrics {

    /** From 1 ms (a snapshot read) to 10 s (past the longest simulation). */
    private static final double[] SELF_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Histogram http;
    private final Histogram tools;
    private final Counter otlpItems;

    SelfMetrics(PrometheusRegistry registry) {
        http = Histogram.builder()
                .name("agentmeter_http_request_duration_seconds")
                .help("How long AgentMeter took to answer its own HTTP API routes, in seconds.")
                .labelNames("route", "method", "status")
                .classicOnly()
                .classicUpperBounds(SELF_BUCKETS)
                .register(registry);
        tools = Histogram.builder()
                .name("agentmeter_mcp_tool_duration_seconds")
                .help("How long AgentMeter's MCP tool calls took, in seconds; outcome is success or error.")
                .labelNames("tool", "outcome")
                .classicOnly()
                .classicUpperBounds(SELF_BUCKETS)
                .register(registry);
        otlpItems = Counter.builder()
                .name("agentmeter_otlp_items_total")
                .help("Items received over OTLP: spans, log records or metric data points; outcome is recorded, "
                        + "rejected (refused by the task or usage rules) or ignored (nothing AgentMeter records).")
                .labelNames("signal", "outcome")
                .register(registry);
    }

    void observeHttp(String route, String method, int status, long durationNanos) {
        http.labelValues(route, method, Integer.toString(status)).observe(durationNanos / 1e9);
    }

    void observeTool(String tool, boolean error, long durationNanos) {
        tools.labelValues(tool, error ? "error" : "success").observe(durationNanos / 1e9);
    }

    void observeOtlpItems(String signal, String outcome, long count) {
        otlpItems.labelValues(signal, outcome).inc(count);
    }

    HistogramSnapshot httpSnapshot() {
        return http.collect();
    }

    HistogramSnapshot toolSnapshot() {
        return tools.collect();
    }
}
