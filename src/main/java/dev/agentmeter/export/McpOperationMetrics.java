package dev.agentmeter.export;

import dev.agentmeter.metrics.PerformanceMetrics;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The MCP requests this server answers, as the OpenTelemetry semantic conventions for MCP name them:
 * {@code mcp.server.operation.duration}, in Prometheus {@code mcp_server_operation_duration_seconds{mcp_method_name,
 * gen_ai_tool_name, mcp_protocol_version, error_type}}, a histogram with the conventions' bucket bounds. A label
 * that does not apply (the tool of a request that calls none, the error of a success, an unknown version) is empty,
 * which Prometheus reads as no label. Every label is bounded, since a client chooses what it sends:
 * <ul>
 *   <li>{@code gen_ai_tool_name}: the first {@value #MAX_TOOLS} distinct tool names (the cap on models), then
 *       {@link PerformanceMetrics#OTHER_MODELS};</li>
 *   <li>{@code mcp_method_name}: the first {@value #MAX_METHODS} distinct methods (MCP defines about 30), then
 *       {@value #OTHER};</li>
 *   <li>{@code mcp_protocol_version}: the first {@value #MAX_VERSIONS}, then {@value #OTHER};</li>
 *   <li>{@code error_type}: the first {@value #MAX_ERROR_TYPES} (JSON-RPC codes, {@code tool_error}, HTTP
 *       statuses), then {@value #OTHER}, the conventions' fallback.</li>
 * </ul>
 *
 * <p>Thread-safe: the Prometheus histogram and {@link BoundedValues} are.
 */
final class McpOperationMetrics {

    /** The semantic conventions' bucket bounds for {@code mcp.server.operation.duration}, in seconds. */
    static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300};
    static final int MAX_TOOLS = PerformanceMetrics.MAX_MODELS;
    static final int MAX_METHODS = 50;
    static final int MAX_VERSIONS = 10;
    static final int MAX_ERROR_TYPES = 20;
    static final String OTHER = "_OTHER";

    private final BoundedValues tools = new BoundedValues(MAX_TOOLS);
    private final BoundedValues methods = new BoundedValues(MAX_METHODS);
    private final BoundedValues versions = new BoundedValues(MAX_VERSIONS);
    private final BoundedValues errorTypes = new BoundedValues(MAX_ERROR_TYPES);
    private final Histogram durations;

    McpOperationMetrics(PrometheusRegistry registry) {
        durations = Histogram.builder()
                .name("mcp_server_operation_duration_seconds")
                .help("How long this server took to answer MCP requests, in seconds, from the request read to its "
                        + "answer written (OpenTelemetry mcp.server.operation.duration); error_type is set for "
                        + "failures: the JSON-RPC error code, tool_error, or the HTTP status of a refusal.")
                .labelNames("mcp_method_name", "gen_ai_tool_name", "mcp_protocol_version", "error_type")
                .classicOnly()
                .classicUpperBounds(DURATION_BUCKETS)
                .register(registry);
    }

    void observe(String method, String toolName, String protocolVersion, String errorType, long durationNanos) {
        durations.labelValues(methods.admit(method, OTHER), bounded(tools, toolName, PerformanceMetrics.OTHER_MODELS),
                bounded(versions, protocolVersion, OTHER), bounded(errorTypes, errorType, OTHER))
                .observe(durationNanos / 1e9);
    }

    private static String bounded(BoundedValues values, String value, String overflow) {
        return value == null || value.isEmpty() ? "" : values.admit(value, overflow);
    }
}
