package dev.agentmeter.mcp.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.Tool;

class ToolResultValidatorTest {

    private final JsonSchemaValidator sdk = McpJsonDefaults.getSchemaValidator();
    private final ToolResultValidator validator = new ToolResultValidator(sdk);
    private final JsonCodec json = new JsonCodec();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final PerformanceMetrics metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
    private final PerformanceOperations operations =
            new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
    private final Map<String, Object> metricsSchema = tool(ToolDefinitions.GET_PERFORMANCE_METRICS).outputSchema();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aResultOnItsOutputSchemaIsValidAndAnswersTheTextItCarries() {
        StructuredJson result = structured(operations.getPerformanceMetrics(Arguments.of(Map.of())));

        var verdict = validator.validate(metricsSchema, result);

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.jsonStructuredOutput()).isSameAs(result.text());
    }

    @Test
    void aResultOffItsOutputSchemaIsInvalidAndNamesWhatIsWrong() {
        var offSchema = new LinkedHashMap<String, Object>();
        offSchema.put("total_requests", "many");
        StructuredJson result = structured(Envelope.success(offSchema));

        var verdict = validator.validate(metricsSchema, result);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.errorMessage()).startsWith("Validation failed: JSON schema validation errors: ")
                .contains("total_requests");
    }

    @Test
    void aStatusOutsideItsEnumIsInvalidEvenWhenTheShapeIsRight() {
        StructuredJson valid = structured(operations.getPerformanceMetrics(Arguments.of(Map.of())));
        var tree = valid.tree().deepCopy();
        ((ObjectNode) tree).put("status", "maybe");

        var verdict = validator.validate(metricsSchema, new StructuredJson(tree, json.write(tree), json::asMap));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.errorMessage()).contains("status");
    }

    @Test
    void everyToolsVerdictIsTheSdkValidatorsOnTheSameContent() {
        metrics.record("task", Duration.ofMillis(12), false, "boom");
        var answers = Map.of(
                ToolDefinitions.GET_PERFORMANCE_METRICS, operations.getPerformanceMetrics(Arguments.of(Map.of())),
                ToolDefinitions.GET_REQUEST_HISTORY, operations.getRequestHistory(Arguments.of(Map.of())),
                ToolDefinitions.GET_ERROR_LOG, operations.getErrorLog(Arguments.of(Map.of())),
                ToolDefinitions.GET_DASHBOARD_DATA, operations.getDashboardData(Arguments.of(Map.of())));
        answers.forEach((name, envelope) -> {
            Map<String, Object> schema = tool(name).outputSchema();
            StructuredJson ours = structured(envelope);

            assertThat(validator.validate(schema, ours).valid()).as(name).isTrue();
            assertThat(sdk.validate(schema, json.asMap(envelope)).valid()).as(name).isTrue();
            assertThat(validator.validate(schema, structured(Envelope.success(List.of(1, 2)))).valid())
                    .as(name + " with a list of numbers for data")
                    .isEqualTo(sdk.validate(schema, json.asMap(Envelope.success(List.of(1, 2)))).valid());
        });
    }

    @Test
    void equalSchemasAreEachCheckedAndADifferentOneIsNotConfusedWithThem() {
        Map<String, Object> strings = Map.of("type", "object", "properties", Map.of("a", Map.of("type", "string")));
        Map<String, Object> sameStrings = Map.of("type", "object", "properties", Map.of("a", Map.of("type", "string")));
        Map<String, Object> integers = Map.of("type", "object", "properties", Map.of("a", Map.of("type", "integer")));
        StructuredJson text = structured(Map.of("a", "x"));

        for (int round = 0; round < 3; round++) {
            assertThat(validator.validate(strings, text).valid()).isTrue();
            assertThat(validator.validate(sameStrings, text).valid()).isTrue();
            assertThat(validator.validate(integers, text).valid()).isFalse();
        }
    }

    @Test
    void contentThatIsNotOursIsLeftToTheSdkValidator() {
        Map<String, Object> plain = json.asMap(Envelope.success(Map.of("total_requests", "many")));

        var ours = validator.validate(metricsSchema, plain);
        var theirs = sdk.validate(metricsSchema, plain);

        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.valid()).isFalse();
    }

    private StructuredJson structured(Envelope envelope) {
        var tree = json.tree(envelope);
        return new StructuredJson(tree, json.write(tree), json::asMap);
    }

    private StructuredJson structured(Map<String, Object> content) {
        JsonNode tree = new ObjectMapper().valueToTree(content);
        return new StructuredJson(tree, tree.toString(), json::asMap);
    }

    private static Tool tool(String name) {
        return new ToolDefinitions(100, 50).all().stream().filter(tool -> tool.name().equals(name)).findFirst()
                .orElseThrow();
    }
}
