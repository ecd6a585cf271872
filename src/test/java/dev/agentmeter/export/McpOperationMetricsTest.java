package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.PerformanceMetrics;

/** {@code mcp_server_operation_duration_seconds}: its labels, its buckets and the bounds on its label values. */
class McpOperationMetricsTest {

    private final PrometheusExporter exporter = new PrometheusExporter(10, java.time.Clock.systemUTC(),
            Instant.parse("2026-01-01T00:00:00Z"), () -> 0);

    private ExpositionParser.Exposition scrape() {
        return ExpositionParser.parse(exporter.scrape(null).body());
    }

    @Test
    void aToolCallCarriesMethodToolAndVersionAndNoErrorTypeWhenItSucceeds() {
        exporter.observeMcpOperation("tools/call", "get_alerts", "2025-11-25", null, 30_000_000);
        exporter.observeMcpOperation("tools/call", "get_alerts", "2025-11-25", null, 70_000_000);

        var labels = Map.of("mcp_method_name", "tools/call", "gen_ai_tool_name", "get_alerts",
                "mcp_protocol_version", "2025-11-25");
        assertThat(scrape().value("mcp_server_operation_duration_seconds_count", labels)).hasValue(2.0);
        assertThat(scrape().value("mcp_server_operation_duration_seconds_sum", labels)).hasValue(0.1);
        assertThat(scrape().types()).containsEntry("mcp_server_operation_duration_seconds", "histogram");
    }

    @Test
    void aFailureCarriesItsErrorTypeAndAMethodWithoutToolHasNoToolLabel() {
        exporter.observeMcpOperation("tools/call", "nope", "2025-11-25", "-32602", 1_000_000);
        exporter.observeMcpOperation("resources/read", null, "2025-11-25", "-32002", 1_000_000);

        assertThat(scrape().value("mcp_server_operation_duration_seconds_count", Map.of("mcp_method_name",
                "tools/call", "gen_ai_tool_name", "nope", "mcp_protocol_version", "2025-11-25",
                "error_type", "-32602"))).hasValue(1.0);
        assertThat(scrape().value("mcp_server_operation_duration_seconds_count", Map.of("mcp_method_name",
                "resources/read", "mcp_protocol_version", "2025-11-25", "error_type", "-32002"))).hasValue(1.0);
    }

    @Test
    void durationsFallInTheSemanticConventionsBuckets() {
        exporter.observeMcpOperation("ping", null, null, null, 15_000_000); // 0.015 s: above 0.01, within 0.02

        var labels = new java.util.HashMap<>(Map.of("mcp_method_name", "ping"));
        labels.put("le", "0.01");
        assertThat(scrape().value("mcp_server_operation_duration_seconds_bucket", labels)).hasValue(0.0);
        labels.put("le", "0.02");
        assertThat(scrape().value("mcp_server_operation_duration_seconds_bucket", labels)).hasValue(1.0);
        labels.put("le", "300.0");
        assertThat(scrape().value("mcp_server_operation_duration_seconds_bucket", labels)).hasValue(1.0);
    }

    @Test
    void toolNamesBeyondTheCapOfModelsShareTheOtherLabel() {
        for (int i = 0; i < McpOperationMetrics.MAX_TOOLS + 5; i++) {
            exporter.observeMcpOperation("tools/call", "tool-" + i, "2025-11-25", null, 1_000_000);
        }

        var exposition = scrape();
        assertThat(exposition.samples()).filteredOn(s -> s.name().equals("mcp_server_operation_duration_seconds_count"))
                .hasSize(McpOperationMetrics.MAX_TOOLS + 1);
        assertThat(exposition.value("mcp_server_operation_duration_seconds_count", Map.of("mcp_method_name",
                "tools/call", "gen_ai_tool_name", PerformanceMetrics.OTHER_MODELS, "mcp_protocol_version",
                "2025-11-25"))).hasValue(5.0);
    }

    @Test
    void countsAndTheToolCapStayExactUnderEightConcurrentObservers() throws Exception {
        int threads = 8;
        int perThread = 1_500;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) { // 150 distinct tools, 50 past the cap
                        exporter.observeMcpOperation("tools/call", "tool-" + ((thread * perThread + i) % 150),
                                "2025-11-25", null, 1_000_000);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : done) {
                future.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        var counts = scrape().samples().stream()
                .filter(s -> s.name().equals("mcp_server_operation_duration_seconds_count")).toList();
        assertThat(counts).hasSize(McpOperationMetrics.MAX_TOOLS + 1);
        assertThat(counts.stream().mapToDouble(ExpositionParser.Sample::value).sum())
                .isEqualTo((double) threads * perThread);
    }

    @Test
    void methodsVersionsAndErrorTypesBeyondTheirCapsShareTheFallbackValue() {
        for (int i = 0; i < McpOperationMetrics.MAX_VERSIONS + 1; i++) {
            exporter.observeMcpOperation("ping", null, "v" + i, null, 1);
        }
        for (int i = 0; i < McpOperationMetrics.MAX_ERROR_TYPES + 1; i++) {
            exporter.observeMcpOperation("ping", null, "v0", Integer.toString(-i), 1);
        }
        for (int i = 0; i < McpOperationMetrics.MAX_METHODS; i++) { // with ping, one method too many
            exporter.observeMcpOperation("method/" + i, null, null, null, 1);
        }

        var exposition = scrape();
        assertThat(exposition.value("mcp_server_operation_duration_seconds_count",
                Map.of("mcp_method_name", McpOperationMetrics.OTHER))).hasValue(1.0);
        assertThat(exposition.value("mcp_server_operation_duration_seconds_count",
                Map.of("mcp_method_name", "ping", "mcp_protocol_version", McpOperationMetrics.OTHER))).hasValue(1.0);
        assertThat(exposition.value("mcp_server_operation_duration_seconds_count", Map.of("mcp_method_name", "ping",
                "mcp_protocol_version", "v0", "error_type", McpOperationMetrics.OTHER))).hasValue(1.0);
    }
}
