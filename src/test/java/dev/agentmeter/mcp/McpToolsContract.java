package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.agentmeter.mcp.features.ToolDefinitions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/**
 * What every MCP transport must do with the seven tools, run against each transport by a subclass (as the SDK's
 * own AbstractMcpSyncServerTests is), with the SDK's client talking to a real server over the wire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpToolsContract {

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpSyncClient client;

    private final McpServerUnderTest server;

    protected McpToolsContract(McpServerUnderTest server) {
        this.server = server;
    }

    protected McpServerUnderTest server() {
        return server;
    }

    /**
     * Waits until the server behind {@code client} runs {@code count} simulations, where the transport lets a test
     * see that; otherwise the transport must guarantee that requests sent earlier are dispatched earlier.
     */
    protected abstract void awaitSimulationsRunning(int count);

    @BeforeAll
    void connect() throws Exception {
        server.start();
        // Schema caching makes the client check every successful result against the tool's output schema.
        client = McpClient.sync(server.newClientTransport())
                .requestTimeout(CLIENT_TIMEOUT)
                .initializationTimeout(CLIENT_TIMEOUT)
                .enableCallToolSchemaCaching(true)
                .build();
        client.initialize();
        client.listTools();
    }

    @AfterAll
    void disconnect() {
        if (client != null) {
            client.closeGracefully();
        }
        server.stop();
    }

    @BeforeEach
    void startFromZero() {
        call(ToolDefinitions.RESET_PERFORMANCE_METRICS, Map.of());
    }

    @Test
    void introducesItselfAsAgentmeterWithInstructions() {
        assertThat(client.getServerInfo().name()).isEqualTo("agentmeter");
        assertThat(client.getServerInfo().version()).isNotBlank().isNotEqualTo("unknown");
        assertThat(client.getServerInstructions()).contains("get_dashboard_data", "simulate_agent_task");
    }

    @Test
    void listsTheSixContractToolsThenRecordAgentTaskAndGetAlertsWithSchemasAndHints() {
        Map<String, Tool> tools = client.listTools().tools().stream()
                .collect(Collectors.toMap(Tool::name, Function.identity()));

        // show_dashboard and get_live_view are the dashboard panel's (McpAppContract).
        assertThat(tools).containsOnlyKeys("get_performance_metrics", "get_request_history", "get_error_log",
                "simulate_agent_task", "reset_performance_metrics", "get_dashboard_data", "record_agent_task",
                "get_alerts", "show_dashboard", "get_live_view");
        assertThat(tools.values()).allSatisfy(tool -> {
            assertThat(tool.title()).isNotBlank();
            assertThat(tool.description()).hasSizeGreaterThan(80);
            assertThat(tool.inputSchema()).containsEntry("type", "object").containsEntry("additionalProperties", false);
            assertThat(tool.outputSchema()).containsEntry("type", "object");
            assertThat(map(tool.outputSchema().get("properties"))).containsKeys("status", "data", "error");
            assertThat(tool.annotations()).isNotNull();
        });
        assertThat(Stream.of("get_performance_metrics", "get_request_history", "get_error_log", "get_dashboard_data",
                        "get_alerts")
                .map(tools::get)).allSatisfy(tool -> {
                    assertThat(tool.annotations().readOnlyHint()).isTrue();
                    assertThat(tool.annotations().idempotentHint()).isTrue();
                });
        assertThat(tools.get("simulate_agent_task").annotations().readOnlyHint()).isFalse();
        assertThat(tools.get("reset_performance_metrics").annotations().destructiveHint()).isTrue();
        assertThat(tools.get("reset_performance_metrics").annotations().idempotentHint()).isTrue();
        assertThat(tools.get("record_agent_task").annotations()).satisfies(hints -> {
            assertThat(hints.readOnlyHint()).isFalse();
            assertThat(hints.idempotentHint()).isFalse();
            assertThat(hints.destructiveHint()).isFalse();
        });
    }

    @Test
    void recordAgentTaskSchemaStatesTypesRangesAndRequiredFields() {
        Map<String, Object> properties = properties(tool("record_agent_task"));

        assertThat(schema(properties, "duration_ms")).containsEntry("type", "number").containsEntry("minimum", 0.0)
                .containsEntry("maximum", 86_400_000.0);
        assertThat(schema(properties, "agent")).containsEntry("maxLength", 100);
        assertThat(tool("record_agent_task").inputSchema())
                .containsEntry("required", List.of("name", "duration_ms", "success"));
    }

    @Test
    void recordAgentTaskRecordsTheTaskAndAnswersItsHistoryEntry() {
        CallToolResult result = call("record_agent_task", Map.of("name", "summarize", "duration_ms", 1500,
                "success", false, "error", "context too long", "agent", "claude-code"));

        assertThat(result.isError()).isFalse();
        assertThat(data(result)).containsEntry("endpoint", "summarize").containsEntry("response_time_ms", 1500.0)
                .containsEntry("success", false).containsEntry("error", "context too long")
                .containsEntry("agent", "claude-code").containsKey("timestamp");
        assertThat(data(call("get_performance_metrics", Map.of()))).containsEntry("failed_requests", 1);
        assertThat(list(call("get_request_history", Map.of())).get(0)).containsEntry("agent", "claude-code");
    }

    @Test
    void recordAgentTaskSchemaListsTheOptionalModelCallFieldsWithTheirRanges() {
        Map<String, Object> properties = properties(tool("record_agent_task"));

        for (String tokens : List.of("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens")) {
            assertThat(schema(properties, tokens)).containsEntry("type", List.of("integer", "null"))
                    .containsEntry("minimum", 0).containsEntry("maximum", 100_000_000)
                    .extractingByKey("description").asString().isNotBlank();
        }
        assertThat(schema(properties, "cost_usd")).containsEntry("type", List.of("number", "null"))
                .containsEntry("minimum", 0.0).containsEntry("maximum", 100_000.0);
        assertThat(schema(properties, "model")).containsEntry("maxLength", 100);
        assertThat(schema(properties, "provider")).containsEntry("maxLength", 100);
        assertThat(schema(properties, "trace_id")).containsEntry("pattern", "^[0-9a-fA-F]{32}$");
        assertThat(schema(properties, "input_tokens").get("description").toString()).contains("cached");
    }

    @Test
    void recordAgentTaskRecordsAModelCallWhoseTokensAndCostShowInEveryView() {
        CallToolResult result = call("record_agent_task", Map.ofEntries(Map.entry("name", "chat claude"),
                Map.entry("duration_ms", 800), Map.entry("success", true), Map.entry("agent", "planner"),
                Map.entry("model", "claude-sonnet-4-5"), Map.entry("provider", "anthropic"),
                Map.entry("input_tokens", 1200), Map.entry("output_tokens", 300), Map.entry("cache_read_tokens", 1000),
                Map.entry("cost_usd", 0.25), Map.entry("trace_id", "4BF92F3577B34DA6A3CE929D0E0E4736")));

        assertThat(result.isError()).isFalse();
        assertThat(data(result)).containsEntry("model", "claude-sonnet-4-5").containsEntry("provider", "anthropic")
                .containsEntry("input_tokens", 1200).containsEntry("output_tokens", 300)
                .containsEntry("cost_usd", 0.25).containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(data(call("get_performance_metrics", Map.of()))).containsEntry("total_input_tokens", 1200)
                .containsEntry("total_output_tokens", 300).containsEntry("total_cache_read_tokens", 1000)
                .containsEntry("total_cache_write_tokens", 0).containsEntry("total_cost_usd", 0.25);
        Map<String, Object> dashboard = data(call("get_dashboard_data", Map.of()));
        assertThat(map(dashboard.get("metrics"))).containsEntry("total_cost_usd", 0.25);
        assertThat(map(((List<?>) dashboard.get("recent_requests")).get(0))).containsEntry("model", "claude-sonnet-4-5");
        assertThat(list(call("get_request_history", Map.of())).get(0)).containsEntry("input_tokens", 1200);
    }

    @Test
    void aTaskWithoutAModelCallAnswersNullModelFieldsAndZeroTotals() {
        CallToolResult result = call("record_agent_task", Map.of("name", "plan", "duration_ms", 20, "success", true));

        assertThat(data(result)).containsEntry("model", null).containsEntry("input_tokens", null)
                .containsEntry("cost_usd", null).containsEntry("trace_id", null);
        assertThat(data(call("get_performance_metrics", Map.of()))).containsEntry("total_input_tokens", 0)
                .containsEntry("total_cost_usd", 0.0);
    }

    @Test
    void recordAgentTaskWithoutAgentRecordsANullAgent() {
        CallToolResult result = call("record_agent_task", Map.of("name", "plan", "duration_ms", 20, "success", true));

        assertThat(data(result)).containsEntry("agent", null).containsEntry("error", null);
    }

    @Test
    void simulateAgentTaskSchemaStatesTypesRangesAndDefaults() {
        Map<String, Object> properties = properties(tool("simulate_agent_task"));

        assertThat(schema(properties, "name")).containsEntry("type", "string").containsEntry("minLength", 1)
                .containsEntry("maxLength", 100);
        assertThat(schema(properties, "duration")).containsEntry("type", "number").containsEntry("minimum", 0.0)
                .containsEntry("maximum", 5.0).containsEntry("default", 1.0);
        assertThat(schema(properties, "should_fail")).containsEntry("type", "boolean").containsEntry("default", false);
        assertThat(tool("simulate_agent_task").inputSchema()).containsEntry("required", List.of("name"));
        assertThat(schema(properties(tool("get_request_history")), "limit")).containsEntry("type", "integer")
                .containsEntry("minimum", 1).containsEntry("default", 10);
    }

    @Test
    void getPerformanceMetricsAnswersTheMetricsObject() {
        simulate("warm-up", 0, false);

        CallToolResult result = call("get_performance_metrics", Map.of());

        assertThat(result.isError()).isFalse();
        assertThat(envelope(result)).containsEntry("status", "success");
        assertThat(data(result)).containsEntry("total_requests", 1).containsEntry("successful_requests", 1)
                .containsEntry("failed_requests", 0).containsEntry("success_rate", 100.0)
                .containsKeys("avg_response_time_ms", "p99_response_time_ms", "uptime_seconds", "started_at");
    }

    @Test
    void theTextContentIsTheEnvelopeAsJson() throws Exception {
        CallToolResult result = call("get_dashboard_data", Map.of());

        String text = ((TextContent) result.content().get(0)).text();
        assertThat(JSON.readTree(text)).isEqualTo(JSON.valueToTree(result.structuredContent()));
    }

    @Test
    void getRequestHistoryAnswersTheNewestEntriesFirst() {
        simulate("first", 0, false);
        simulate("second", 0, false);
        simulate("third", 0, true);

        CallToolResult result = call("get_request_history", Map.of("limit", 2));

        assertThat(result.isError()).isFalse();
        assertThat(list(result)).extracting(entry -> entry.get("endpoint")).containsExactly("third", "second");
        assertThat(list(result).get(0)).containsEntry("success", false).containsEntry("error", "Simulated failure")
                .containsKeys("timestamp", "response_time_ms");
    }

    @Test
    void getErrorLogAnswersTheNewestFailures() {
        simulate("broken", 0, true);
        simulate("fine", 0, false);

        CallToolResult result = call("get_error_log", Map.of());

        assertThat(list(result)).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("endpoint", "broken").containsEntry("error_message", "Simulated failure")
                .containsKey("timestamp"));
    }

    @Test
    void simulateAgentTaskLastsItsDurationAndIsRecorded() {
        long startNanos = System.nanoTime();

        CallToolResult result = simulate("a real wait", 0.3, false);

        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(result.isError()).isFalse();
        assertThat(data(result)).containsEntry("name", "a real wait").containsEntry("success", true)
                .containsEntry("error", null);
        assertThat((Double) data(result).get("duration")).isGreaterThanOrEqualTo(0.3);
        assertThat(data(call("get_performance_metrics", Map.of()))).containsEntry("total_requests", 1);
    }

    @Test
    void aSimulatedFailureIsASuccessfulCallThatRecordsAFailedTask() {
        CallToolResult result = simulate("doomed", 0, true);

        assertThat(result.isError()).isFalse();
        assertThat(data(result)).containsEntry("success", false).containsEntry("error", "Simulated failure");
    }

    @Test
    void resetPerformanceMetricsForgetsEveryRecordedTask() {
        simulate("one", 0, false);
        simulate("two", 0, true);

        CallToolResult reset = call("reset_performance_metrics", Map.of());

        assertThat(data(reset)).containsEntry("reset", true).containsEntry("cleared_requests", 2);
        assertThat(data(call("get_performance_metrics", Map.of()))).containsEntry("total_requests", 0);
        assertThat(list(call("get_request_history", Map.of()))).isEmpty();
        assertThat(list(call("get_error_log", Map.of()))).isEmpty();
    }

    @Test
    void getDashboardDataCombinesMetricsWithTheTenNewestRequestsAndFiveNewestErrors() {
        IntStream.range(0, 12).forEach(i -> simulate("task-" + i, 0, i % 2 == 0));

        Map<String, Object> dashboard = data(call("get_dashboard_data", Map.of()));

        assertThat(map(dashboard.get("metrics"))).containsEntry("total_requests", 12)
                .containsEntry("failed_requests", 6);
        assertThat((List<?>) dashboard.get("recent_requests")).hasSize(10);
        assertThat((List<?>) dashboard.get("recent_errors")).hasSize(5);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("get_request_history", Map.of("limit", "ten"), "limit must be an integer"),
                Arguments.of("get_error_log", Map.of("limit", -1), "limit must be at least 1"),
                Arguments.of("get_request_history", Map.of("limit", 2.5), "limit must be an integer"),
                Arguments.of("simulate_agent_task", Map.of("duration", 1), "name is required"),
                Arguments.of("simulate_agent_task", Map.of("name", 42), "name must be a string"),
                Arguments.of("simulate_agent_task", Map.of("name", "x".repeat(101)), "name must be at most 100"),
                Arguments.of("simulate_agent_task", Map.of("name", "late", "duration", 5.5),
                        "duration must be between 0 and 5 seconds"),
                Arguments.of("simulate_agent_task", Map.of("name", "early", "duration", -1),
                        "duration must be between 0 and 5 seconds"),
                Arguments.of("simulate_agent_task", Map.of("name", "x", "duration", "long"), "duration must be a number"),
                Arguments.of("simulate_agent_task", Map.of("name", "x", "should_fail", "yes"), "should_fail must be a boolean"),
                Arguments.of("get_performance_metrics", Map.of("verbose", true), "unknown argument 'verbose'"),
                Arguments.of("record_agent_task", Map.of("duration_ms", 5, "success", true), "name is required"),
                Arguments.of("record_agent_task", Map.of("name", "x", "success", true), "duration_ms is required"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", -5, "success", true),
                        "duration_ms must be between 0 and 86400000 milliseconds (got -5)"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 86_400_001, "success", true),
                        "duration_ms must be between 0 and 86400000 milliseconds"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 5), "success is required"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 5, "success", "no"),
                        "success must be a boolean"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 5, "success", true,
                        "agent", " "), "agent must not be empty or blank"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 5, "success", true,
                        "timestamp", "2026-01-01T00:00:00Z"), "unknown argument 'timestamp'"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 5, "success", true,
                        "input_tokens", -1), "input_tokens must be between 0 and 100000000 (got -1)"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 5, "success", true,
                        "cost_usd", 100_001), "cost_usd must be between 0 and 100000 US dollars"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 5, "success", true,
                        "trace_id", "not-a-trace"), "trace_id must be 32 hexadecimal digits"),
                Arguments.of("record_agent_task", Map.of("name", "x", "duration_ms", 5, "success", true,
                        "input_tokens", 10, "cache_read_tokens", 11), "input_tokens counts cached tokens too"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badArguments")
    void aBadArgumentIsAnsweredWithTheInvalidArgumentEnvelope(String tool, Map<String, Object> arguments,
                                                              String message) {
        CallToolResult result = call(tool, arguments);

        assertThat(result.isError()).isTrue();
        assertThat(envelope(result)).containsEntry("status", "error");
        assertThat(map(envelope(result).get("error"))).containsEntry("code", "invalid_argument")
                .extractingByKey("message").asString().contains(message);
    }

    @Test
    void anUnknownToolIsAJsonRpcErrorWithoutInternals() {
        assertThatThrownBy(() -> call("no_such_tool", Map.of()))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
                    assertThat(error.getJsonRpcError().message()).doesNotContain("Exception", "\tat ");
                });
    }

    @Test
    void metricsAnswerWhileTenFiveSecondSimulationsRun() {
        McpAsyncClient async = McpClient.async(server.newClientTransport()).requestTimeout(CLIENT_TIMEOUT)
                .initializationTimeout(CLIENT_TIMEOUT).build();
        try {
            async.initialize().block(CLIENT_TIMEOUT);
            List<CompletableFuture<CallToolResult>> simulations = IntStream.range(0, 10)
                    .mapToObj(i -> async.callTool(request("simulate_agent_task",
                            Map.of("name", "slow-" + i, "duration", 5))).toFuture())
                    .toList();
            awaitSimulationsRunning(10);

            CallToolResult metrics = async.callTool(request("get_performance_metrics", Map.of()))
                    .block(Duration.ofSeconds(4));

            assertThat(simulations).noneMatch(CompletableFuture::isDone);
            assertThat(data(metrics)).containsEntry("total_requests", 0);
            // Ten 5-second tasks handled one after another would take 50 seconds.
            await().atMost(Duration.ofSeconds(9))
                    .until(() -> simulations.stream().allMatch(CompletableFuture::isDone));
            assertThat(simulations).allSatisfy(simulation -> assertThat(data(simulation.join()))
                    .containsEntry("success", true)
                    .hasEntrySatisfying("duration", seconds -> assertThat((Double) seconds).isGreaterThanOrEqualTo(5.0)));
        } finally {
            async.closeGracefully().block(CLIENT_TIMEOUT);
        }
    }

    @Test
    void getAlertsAnswersAnEmptyListWhenNoRuleIsConfigured() {
        CallToolResult result = call("get_alerts", Map.of());

        assertThat(result.isError()).isFalse();
        assertThat(envelope(result)).containsEntry("status", "success").containsEntry("data", List.of());
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(request(tool, arguments));
    }

    private CallToolResult simulate(String name, double seconds, boolean shouldFail) {
        return call("simulate_agent_task", Map.of("name", name, "duration", seconds, "should_fail", shouldFail));
    }

    private Tool tool(String name) {
        return client.listTools().tools().stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    private static CallToolRequest request(String tool, Map<String, Object> arguments) {
        return CallToolRequest.builder(tool).arguments(arguments).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Tool tool) {
        return (Map<String, Object>) tool.inputSchema().get("properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Map<String, Object> properties, String name) {
        return (Map<String, Object>) properties.get(name);
    }

    static Map<String, Object> envelope(CallToolResult result) {
        return map(result.structuredContent());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(CallToolResult result) {
        return (Map<String, Object>) envelope(result).get("data");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(CallToolResult result) {
        return (List<Map<String, Object>>) envelope(result).get("data");
    }
}
