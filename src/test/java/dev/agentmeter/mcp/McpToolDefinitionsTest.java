package dev.agentmeter.mcp;

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
