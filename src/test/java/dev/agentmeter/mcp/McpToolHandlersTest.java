package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.agentmeter.mcp.features.ToolDefinitions;
import dev.agentmeter.mcp.features.ToolHandlers;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

class McpToolHandlersTest {

    @Test
    void aFaultInsideAnOperationIsAnsweredWithTheInternalErrorEnvelope() {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        var timer = Executors.newSingleThreadScheduledExecutor();
        timer.shutdownNow(); // as while the server stops: a simulation cannot be scheduled any more
        var operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
        var handlers = new ToolHandlers(new ToolDefinitions(100, 50), operations, new JsonCodec());

        CallToolResult result = handler(handlers, ToolDefinitions.SIMULATE_AGENT_TASK)
                .callHandler()
                .apply(null, CallToolRequest.builder(ToolDefinitions.SIMULATE_AGENT_TASK)
                        .arguments(Map.of("name", "too late")).build())
                .block(Duration.ofSeconds(5));

        assertThat(result.isError()).isTrue();
        assertThat(McpToolsContract.map(McpToolsContract.envelope(result).get("error")))
                .containsEntry("code", "internal_error")
                .extractingByKey("message").asString().doesNotContain("Exception", "java.");
    }

    private static AsyncToolSpecification handler(ToolHandlers handlers, String name) {
        return handlers.specifications().stream().filter(spec -> spec.tool().name().equals(name)).findFirst()
                .orElseThrow();
    }
}
