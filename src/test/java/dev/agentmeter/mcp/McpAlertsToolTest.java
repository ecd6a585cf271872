package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.mcp.features.ToolDefinitions;
import dev.agentmeter.mcp.features.ToolHandlers;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.AlertOperations;
import dev.agentmeter.operations.AlertView;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** {@code get_alerts}, and the self-monitoring hook every tool call passes. */
class McpAlertsToolTest {

    private static final AlertView FIRING = new AlertView("p95 > 2s", "p95", null, 2500.0, 2000.0, "ms", 300,
            "2026-01-01T00:00:00.000Z");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> observed = new CopyOnWriteArrayList<>();
    private final ToolHandlers handlers = handlers(List.of(FIRING));

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private ToolHandlers handlers(List<AlertView> firing) {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        var operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
        return new ToolHandlers(new ToolDefinitions(100, 50), operations, new AlertOperations(() -> firing),
                new JsonCodec(), (tool, error, nanos) -> observed.add(tool + ":" + error), System::nanoTime);
    }

    private CallToolResult call(String name, Map<String, Object> arguments) {
        return handlers.specifications().stream().filter(spec -> spec.tool().name().equals(name)).findFirst()
                .orElseThrow().callHandler()
                .apply(null, CallToolRequest.builder(name).arguments(arguments).build())
                .block(Duration.ofSeconds(5));
    }

    @Test
    void getAlertsAnswersTheFiringAlertsInTheEnvelope() {
        CallToolResult result = call(ToolDefinitions.GET_ALERTS, Map.of());

        assertThat(result.isError()).isFalse();
        assertThat(McpToolsContract.envelope(result)).containsEntry("status", "success");
        assertThat((List<?>) McpToolsContract.envelope(result).get("data")).singleElement()
                .satisfies(alert -> assertThat(McpToolsContract.map(alert))
                        .containsEntry("rule", "p95 > 2s")
                        .containsEntry("value", 2500.0)
                        .containsEntry("window_seconds", 300L)
                        .containsEntry("since", "2026-01-01T00:00:00.000Z"));
    }

    @Test
    void getAlertsResultMatchesItsOutputSchema() {
        CallToolResult result = call(ToolDefinitions.GET_ALERTS, Map.of());
        var tool = new ToolDefinitions(100, 50).all().stream()
                .filter(candidate -> candidate.name().equals(ToolDefinitions.GET_ALERTS)).findFirst().orElseThrow();

        assertThat(McpJsonDefaults.getSchemaValidator().validate(tool.outputSchema(), result.structuredContent())
                .valid()).isTrue();
    }

    @Test
    void getAlertsWithAnArgumentIsAnErrorEnvelope() {
        CallToolResult result = call(ToolDefinitions.GET_ALERTS, Map.of("limit", 3));

        assertThat(result.isError()).isTrue();
        assertThat(McpToolsContract.map(McpToolsContract.envelope(result).get("error")))
                .containsEntry("code", "invalid_argument");
    }

    @Test
    void everyCallIsObservedWithItsToolAndWhetherItFailed() {
        call(ToolDefinitions.GET_PERFORMANCE_METRICS, Map.of());
        call(ToolDefinitions.GET_ALERTS, Map.of("bogus", 1));

        assertThat(observed).containsExactly("get_performance_metrics:false", "get_alerts:true");
    }
}
