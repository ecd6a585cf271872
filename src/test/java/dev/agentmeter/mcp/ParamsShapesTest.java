package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;

/** {@link ParamsShapes} for {@code tools/call}, where the field check stands in for the SDK's conversion. */
class ParamsShapesTest {

    private final McpJsonMapper mapper = McpJsonDefaults.getMapper();
    private final ParamsShapes shapes = new ParamsShapes(mapper);

    @Test
    void toolsCallParamsTheFieldsAcceptAlwaysConvertIntoTheSdksRecord() {
        List<Map<String, Object>> accepted = List.of(
                Map.of("name", "get_performance_metrics"),
                Map.of("name", "t", "arguments", Map.of("window", "5m", "nested", Map.of("a", List.of(1, 2)))),
                Map.of("name", "t", "_meta", Map.of("progressToken", 7)),
                Map.of("name", "t", "unknownField", List.of("ignored", 1)),
                withNull("arguments"), withNull("_meta"));
        for (Map<String, Object> params : accepted) {
            assertThat(shapes.problem(McpSchema.METHOD_TOOLS_CALL, params)).as(params.toString()).isEmpty();
            assertThatCode(() -> mapper.convertValue(params, CallToolRequest.class)).as(params.toString())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void toolsCallParamsTheSdkCannotConvertAreRefusedWithoutTheTrialConversion() {
        List<Map<String, Object>> unconvertible = List.of(
                Map.of("name", "t", "_meta", "not an object"),
                Map.of("name", "t", "_meta", List.of(1)),
                Map.of("name", "t", "arguments", List.of(1, 2)),
                Map.of("name", "t", "arguments", "x"));
        for (Map<String, Object> params : unconvertible) {
            assertThatThrownBy(() -> mapper.convertValue(params, CallToolRequest.class)).as(params.toString())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(shapes.problem(McpSchema.METHOD_TOOLS_CALL, params)).as(params.toString())
                    .contains("Invalid params: tools/call takes params {\"name\": string, \"arguments\"?: object}");
        }
    }

    @Test
    void toolsCallParamsMissingOrMistypedNameAreRefused() {
        for (Object params : List.of(Map.of(), Map.of("name", 5), Map.of("arguments", Map.of()), "x", List.of())) {
            assertThat(shapes.problem(McpSchema.METHOD_TOOLS_CALL, params)).as(params.toString()).isPresent();
        }
        assertThat(shapes.problem(McpSchema.METHOD_TOOLS_CALL, null)).isPresent();
    }

    private static Map<String, Object> withNull(String key) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", "t");
        params.put(key, null);
        return params;
    }
}
