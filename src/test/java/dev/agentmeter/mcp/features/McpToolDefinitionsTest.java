package dev.agentmeter.mcp.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/** The schemas say what the contract says, checked with the SDK's own JSON Schema validator. */
class McpToolDefinitionsTest {

    private final ToolDefinitions definitions = new ToolDefinitions(100, 50);
    private final JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();

    @Test
    void toolNamesAreTheContractsInItsOrderThenRecordAgentTaskAndGetAlerts() {
        assertThat(definitions.all()).extracting(Tool::name).containsExactly("get_performance_metrics",
                "get_request_history", "get_error_log", "simulate_agent_task", "reset_performance_metrics",
                "get_dashboard_data", "record_agent_task", "get_alerts");
    }

    @Test
    void recordArgumentsAreCheckedForTypeAndRange() {
        Map<String, Object> schema = definitions.recordAgentTask().inputSchema();

        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 0, "success", true))).isTrue();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 86_400_000, "success", false, "error", "x",
                "agent", "bot"))).isTrue();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 86_400_001, "success", true))).isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", -1, "success", true))).isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1))).isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true, "agent", ""))).isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true, "extra", 1))).isFalse();
    }

    @Test
    void modelCallArgumentsAreCheckedForTypeAndRange() {
        Map<String, Object> schema = definitions.recordAgentTask().inputSchema();

        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true, "model", "gpt-5",
                "provider", "openai", "input_tokens", 100_000_000, "output_tokens", 0, "cache_read_tokens", 5,
                "cost_usd", 100_000, "trace_id", "4BF92F3577B34DA6A3CE929D0E0E4736"))).isTrue();
        var withNulls = new java.util.HashMap<String, Object>(Map.of("name", "a", "duration_ms", 1, "success", true));
        withNulls.put("input_tokens", null);
        withNulls.put("cost_usd", null);
        assertThat(valid(schema, withNulls)).isTrue();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true, "input_tokens", -1)))
                .isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true,
                "output_tokens", 100_000_001))).isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true, "cache_write_tokens", 1.5)))
                .isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true, "cost_usd", 100_001)))
                .isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true, "trace_id", "abc")))
                .isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration_ms", 1, "success", true, "model", ""))).isFalse();
    }

    @Test
    void theOutputSchemasDescribeTokensCostAndTheModelCallOfAHistoryEntry() {
        var metrics = new java.util.HashMap<String, Object>(Map.ofEntries(Map.entry("total_requests", 1),
                Map.entry("successful_requests", 1), Map.entry("failed_requests", 0), Map.entry("success_rate", 100.0),
                Map.entry("error_rate", 0.0), Map.entry("requests_per_minute", 1), Map.entry("uptime_seconds", 5),
                Map.entry("started_at", "2026-11-24T10:00:00.000Z"), Map.entry("total_input_tokens", 1200),
                Map.entry("total_output_tokens", 300), Map.entry("total_cache_read_tokens", 0),
                Map.entry("total_cache_write_tokens", 0), Map.entry("total_cost_usd", 0.25)));
        for (String unknown : List.of("avg", "min", "max", "p50", "p95", "p99")) {
            metrics.put(unknown + "_response_time_ms", null);
        }
        metrics.put("last_request_at", null);
        var entry = new java.util.HashMap<String, Object>(Map.of("timestamp", "2026-11-24T10:00:00.000Z",
                "endpoint", "chat", "response_time_ms", 3.5, "success", true, "model", "gpt-5", "input_tokens", 1200,
                "cost_usd", 0.25, "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
        entry.put("error", null);

        assertThat(validator.validate(definitions.performanceMetrics().outputSchema(),
                Map.of("status", "success", "data", metrics)).valid()).isTrue();
        var withoutCost = new java.util.HashMap<>(metrics);
        withoutCost.remove("total_cost_usd");
        assertThat(validator.validate(definitions.performanceMetrics().outputSchema(),
                Map.of("status", "success", "data", withoutCost)).valid()).isFalse();
        assertThat(validator.validate(definitions.recordAgentTask().outputSchema(),
                Map.of("status", "success", "data", entry)).valid()).isTrue();
        var badTokens = new java.util.HashMap<>(entry);
        badTokens.put("input_tokens", "many");
        assertThat(validator.validate(definitions.recordAgentTask().outputSchema(),
                Map.of("status", "success", "data", badTokens)).valid()).isFalse();
    }

    @Test
    void everySchemaIsValidJsonSchema() {
        assertThat(definitions.all()).allSatisfy(tool -> {
            assertThat(validator.validateSchema(tool.inputSchema()).valid()).as(tool.name()).isTrue();
            assertThat(validator.validateSchema(tool.outputSchema()).valid()).as(tool.name()).isTrue();
        });
    }

    @Test
    void everyOutputSchemaAcceptsTheErrorEnvelope() {
        Map<String, Object> error = Map.of("status", "error",
                "error", Map.of("code", "internal_error", "message", "internal error; the server log has the details"));

        assertThat(definitions.all()).allSatisfy(tool ->
                assertThat(validator.validate(tool.outputSchema(), error).valid()).as(tool.name()).isTrue());
    }

    @Test
    void simulationArgumentsAreCheckedForTypeAndRange() {
        Map<String, Object> schema = definitions.simulateAgentTask().inputSchema();

        assertThat(valid(schema, Map.of("name", "a"))).isTrue();
        assertThat(valid(schema, Map.of("name", "a", "duration", 5, "should_fail", true))).isTrue();
        assertThat(valid(schema, Map.of("name", "a", "duration", 0))).isTrue();
        assertThat(valid(schema, Map.of("name", "a", "duration", 5.01))).isFalse();
        assertThat(valid(schema, Map.of("name", "a", "duration", -0.1))).isFalse();
        assertThat(valid(schema, Map.of("name", ""))).isFalse();
        assertThat(valid(schema, Map.of("name", "n".repeat(101)))).isFalse();
        assertThat(valid(schema, Map.of("duration", 1))).isFalse();
        assertThat(valid(schema, Map.of("name", "a", "should_fail", "yes"))).isFalse();
        assertThat(valid(schema, Map.of("name", "a", "extra", 1))).isFalse();
    }

    @Test
    void aLimitIsAWholeNumberOfAtLeastOneAndLargerOnesAreAllowed() {
        for (Tool tool : List.of(definitions.requestHistory(), definitions.errorLog())) {
            assertThat(valid(tool.inputSchema(), Map.of())).isTrue();
            assertThat(valid(tool.inputSchema(), Map.of("limit", 1))).isTrue();
            assertThat(valid(tool.inputSchema(), Map.of("limit", 1_000_000))).isTrue();
            assertThat(valid(tool.inputSchema(), Map.of("limit", 0))).isFalse();
            assertThat(valid(tool.inputSchema(), Map.of("limit", 2.5))).isFalse();
            assertThat(valid(tool.inputSchema(), Map.of("limit", "3"))).isFalse();
        }
    }

    @Test
    void descriptionsStateTheConfiguredCaps() {
        var small = new ToolDefinitions(30, 7);

        assertThat(small.requestHistory().description()).contains("30");
        assertThat(small.errorLog().description()).contains("7");
        assertThat(small.simulateAgentTask().description()).contains("0 to 5", "seconds");
    }

    private boolean valid(Map<String, Object> schema, Map<String, Object> arguments) {
        return validator.validate(schema, arguments).valid();
    }
}
