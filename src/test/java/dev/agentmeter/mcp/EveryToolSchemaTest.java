package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/**
 * Every tool the servers register has input and output schemas that are valid JSON Schema 2020-12, as the SDK's own
 * validator checks them. The SDK would check them at each start-up; {@code ToolResultValidator} leaves that to this
 * test (issue 15, start-up), since they are our own constants.
 */
class EveryToolSchemaTest {

    private final JsonSchemaValidator sdk = McpJsonDefaults.getSchemaValidator();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void everyRegisteredToolsSchemasAreValidJsonSchema2020() {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        var operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
        var features = McpFeatures.of(operations, new JsonCodec(), 100, 50);
        List<Tool> tools = Stream.concat(features.tools().specifications().stream(), features.app().tools().stream())
                .map(specification -> specification.tool()).toList();

        assertThat(tools).hasSizeGreaterThanOrEqualTo(9);
        for (Tool tool : tools) {
            for (Map<String, Object> schema : Stream.of(tool.inputSchema(), tool.outputSchema())
                    .filter(s -> s != null).toList()) {
                var checked = sdk.validateSchema(schema);
                assertThat(checked.valid()).as(tool.name() + ": " + checked.errorMessage()).isTrue();
            }
        }
    }

    @Test
    void theCheckRefusesASchemaThatIsNotOne() {
        var broken = Map.<String, Object>of("$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", "object", "properties", Map.of("limit", Map.of("type", "integr")));

        assertThat(sdk.validateSchema(broken).valid()).isFalse();
    }
}
