package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.Settings;
import dev.agentmeter.mcp.McpOperationObserver;
import dev.agentmeter.testing.StdoutAnswers;
import dev.agentmeter.testing.TestSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;

/**
 * Real MCP requests over Streamable HTTP and over stdio, then {@code mcp_server_operation_duration_seconds} in the
 * Prometheus exposition: exactly one series per method, tool, version and outcome, with exactly the counts sent,
 * successes, tool errors and JSON-RPC errors alike.
 */
class McpOperationMetricsEndToEndTest {

    private static final String METRIC = "mcp_server_operation_duration_seconds_count";

    @Test
    void everyRequestOverHttpIsCountedByMethodToolVersionAndOutcome() throws Exception {
        Running running = AgentMeter.start(TestSettings.forTests());
        try (var client = McpClient.sync(HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + running.httpPort()).endpoint("/mcp").build()).build()) {
            String version = client.initialize().protocolVersion();
            client.listTools();
            client.callTool(new CallToolRequest("get_performance_metrics", Map.of()));
            client.callTool(new CallToolRequest("get_performance_metrics", Map.of()));
            var refused = client.callTool(new CallToolRequest("simulate_agent_task",
                    Map.of("name", "x", "duration", 99)));
            var unknown = catchThrowableOfType(McpError.class,
                    () -> client.callTool(new CallToolRequest("no_such_tool", Map.of())));

            assertThat(refused.isError()).isTrue();
            assertThat(operations(running)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    labels("initialize", null, version, null), 1.0,
                    labels("tools/list", null, version, null), 1.0,
                    labels("tools/call", "get_performance_metrics", version, null), 2.0,
                    labels("tools/call", "simulate_agent_task", version, McpOperationObserver.TOOL_ERROR), 1.0,
                    labels("tools/call", "no_such_tool", version,
                            Integer.toString(unknown.getJsonRpcError().code())), 1.0));
        } finally {
            running.stop();
        }
    }

    @Test
    void everyRequestOverStdioIsCountedIncludingOnesOurGuardRefuses() throws Exception {
        var stdin = new PipedOutputStream();
        var stdout = new StdoutAnswers();
        Running running = AgentMeter.start(stdioSettings(), new PipedInputStream(stdin), stdout);
        try {
            send(stdin, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                    "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    {"jsonrpc":"2.0","id":2,"method":"tools/list"}
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_error_log","arguments":{}}}
                    {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get_error_log","arguments":{"limit":0}}}
                    {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}
                    {"jsonrpc":"2.0","id":6,"method":"resources/subscribe","params":{"uri":"agentmeter://nope"}}
                    {"jsonrpc":"2.0","id":7,"method":"no/such/method"}
                    """);
            await().atMost(Duration.ofSeconds(20)).until(() -> stdout.answers().size() == 7);
            Map<Integer, JsonNode> answers = stdout.answers();

            assertThat(answers.get(4).path("result").path("isError").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> operations(running).size() == 7);
            assertThat(operations(running)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    labels("initialize", null, "2025-06-18", null), 1.0,
                    labels("tools/list", null, "2025-06-18", null), 1.0,
                    labels("tools/call", "get_error_log", "2025-06-18", null), 1.0,
                    labels("tools/call", "get_error_log", "2025-06-18", McpOperationObserver.TOOL_ERROR), 1.0,
                    labels("tools/call", "no_such_tool", "2025-06-18", errorCode(answers.get(5))), 1.0,
                    labels("resources/subscribe", null, "2025-06-18", errorCode(answers.get(6))), 1.0,
                    labels("no/such/method", null, "2025-06-18", errorCode(answers.get(7))), 1.0));
        } finally {
            stdin.close();
            running.stop();
        }
    }

    @Test
    void requestsOfTheStatelessRevisionAreCountedUnderTheirOwnVersion() throws Exception {
        var stdin = new PipedOutputStream();
        var stdout = new StdoutAnswers();
        Running running = AgentMeter.start(stdioSettings(), new PipedInputStream(stdin), stdout);
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
        try {
            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{"
                    + meta + "}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"get_error_log\",\"arguments\":{}," + meta + "}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"get_error_log\",\"arguments\":{\"limit\":0}," + meta + "}}\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> stdout.answers().size() == 3);

            await().atMost(Duration.ofSeconds(5)).until(() -> operations(running).size() == 3);
            assertThat(operations(running)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    labels("server/discover", null, "2026-07-28", null), 1.0,
                    labels("tools/call", "get_error_log", "2026-07-28", null), 1.0,
                    labels("tools/call", "get_error_log", "2026-07-28", McpOperationObserver.TOOL_ERROR), 1.0));
        } finally {
            stdin.close();
            running.stop();
        }
    }

    /** Each series of the metric, by its labels, with its count. */
    private static Map<Map<String, String>, Double> operations(Running running) {
        var series = new HashMap<Map<String, String>, Double>();
        ExpositionParser.parse(running.exporter().scrape(null).body()).samples().stream()
                .filter(sample -> sample.name().equals(METRIC))
                .forEach(sample -> series.put(sample.labels(), sample.value()));
        return series;
    }

    /** The labels of a series; a label that does not apply is absent. */
    private static Map<String, String> labels(String method, String tool, String version, String errorType) {
        var labels = new HashMap<String, String>();
        labels.put("mcp_method_name", method);
        Optional.ofNullable(tool).ifPresent(value -> labels.put("gen_ai_tool_name", value));
        Optional.ofNullable(version).ifPresent(value -> labels.put("mcp_protocol_version", value));
        Optional.ofNullable(errorType).ifPresent(value -> labels.put("error_type", value));
        return labels;
    }

    private static String errorCode(JsonNode answer) {
        assertThat(answer.path("error").path("code").isInt()).as("a JSON-RPC error: %s", answer).isTrue();
        return answer.path("error").path("code").asText();
    }

    private static Settings stdioSettings() {
        return TestSettings.builder().stdio(true).build();
    }

    private static void send(PipedOutputStream stdin, String lines) throws Exception {
        stdin.write(lines.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }
}
