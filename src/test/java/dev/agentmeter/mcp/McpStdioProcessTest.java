package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.testing.AgentMeterChild;

/** {@code agentmeter --stdio} as a child process, spoken to line by line: what a raw client sees. */
class McpStdioProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRICS_CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"get_performance_metrics\"}}";

    @Test
    void aMalformedLineIsAnsweredWithParseErrorAndTheNextRequestStillWorks() throws Exception {
        try (var server = AgentMeterChild.start("--stdio", "--no-http")) {
            server.initialize("2025-06-18");

            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
            JsonNode error = server.nextMessage();
            server.send(METRICS_CALL.formatted(2));
            JsonNode answer = server.nextMessage();

            assertThat(error.path("id").isNull()).isTrue();
            assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
            assertThat(error.path("error").path("message").asText()).startsWith("Parse error: ");
            assertThat(answer.path("id").asInt()).isEqualTo(2);
            assertThat(answer.path("result").path("structuredContent").path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void jsonThatIsNotJsonRpcIsAnsweredWithInvalidRequestAndTheNextRequestStillWorks() throws Exception {
        try (var server = AgentMeterChild.start("--stdio", "--no-http")) {
            server.initialize("2025-06-18");

            server.send("{\"hello\":\"world\"}");
            JsonNode notAMessage = server.nextMessage();
            server.send("[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}]");
            JsonNode batch = server.nextMessage();
            server.send(METRICS_CALL.formatted(3));

            assertThat(notAMessage.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(batch.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(server.nextMessage().path("id").asInt()).isEqualTo(3);
        }
    }

    @Test
    void anAbsurdlyLongLineIsAnsweredAndSkipped() throws Exception {
        try (var server = AgentMeterChild.start("--stdio", "--no-http")) {
            server.initialize("2025-06-18");
            byte[] line = new byte[McpServers.MAX_MESSAGE_BYTES + 1024];
            Arrays.fill(line, (byte) 'x');
            line[line.length - 1] = '\n';

            server.sendBytes(line);
            JsonNode error = server.nextMessage();
            server.send(METRICS_CALL.formatted(4));

            assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(error.path("error").path("message").asText()).contains("skipped");
            assertThat(server.nextMessage().path("id").asInt()).isEqualTo(4);
        }
    }

    @Test
    void everyStdoutLineIsJsonRpcAndNoLogLineEverIsOnStdout() throws Exception {
        try (var server = AgentMeterChild.start("--stdio", "--port", "0")) {
            server.initialize("2025-06-18");
            server.send("not json at all");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"no/such/method\"}");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"simulate_agent_task\",\"arguments\":{\"name\":\"x\",\"duration\":9}}}");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}");
            server.send(METRICS_CALL.formatted(4));
            server.closeStdin();

            assertThat(server.awaitExit()).isZero();
            assertThat(server.stdoutLines()).hasSize(6).allSatisfy(line -> {
                JsonNode message = JSON.readTree(line);
                assertThat(message.path("jsonrpc").asText()).isEqualTo("2.0");
                assertThat(message.has("id")).isTrue();
                assertThat(message.has("result") ^ message.has("error")).isTrue();
            });
            assertThat(server.stderr()).contains("AgentMeter dashboard: http://127.0.0.1:");
        }
    }

    @Test
    void endOfStdinExitsWithCodeZero() throws Exception {
        try (var server = AgentMeterChild.start("--stdio", "--port", "0")) {
            server.initialize("2025-06-18");

            server.closeStdin();

            assertThat(server.awaitExit()).isZero();
        }
    }

    @Test
    void endOfStdinStillAnswersTheRequestsInFlight() throws Exception {
        try (var server = AgentMeterChild.start("--stdio", "--no-http")) {
            server.initialize("2025-06-18");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"simulate_agent_task\",\"arguments\":{\"name\":\"last words\",\"duration\":0.5}}}");

            server.closeStdin();

            JsonNode answer = server.nextMessage();
            assertThat(answer.path("id").asInt()).isEqualTo(9);
            assertThat(answer.path("result").path("structuredContent").path("data").path("name").asText())
                    .isEqualTo("last words");
            assertThat(server.awaitExit()).isZero();
        }
    }

    @Test
    void advertisesTheNewerProtocolVersions() throws Exception {
        try (var server = AgentMeterChild.start("--stdio", "--no-http")) {
            JsonNode result = server.initialize("2025-06-18");

            assertThat(result.path("protocolVersion").asText()).isEqualTo("2025-06-18");
            assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("agentmeter");
        }
    }

    @Test
    void aTakenPortIsOnlyAWarningInStdioMode() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             var server = AgentMeterChild.start("--stdio", "--port", String.valueOf(taken.getLocalPort()))) {
            server.initialize("2025-06-18");
            server.send(METRICS_CALL.formatted(5));

            assertThat(server.nextMessage().path("id").asInt()).isEqualTo(5);
            server.closeStdin();
            assertThat(server.awaitExit()).isZero();
            assertThat(server.stderr()).contains("WARN").contains("already in use").doesNotContain("\tat ");
        }
    }

    @Test
    void aTakenPortWithoutStdioIsAOneLineErrorAndExitCodeOne() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             var server = AgentMeterChild.start("--port", String.valueOf(taken.getLocalPort()))) {

            assertThat(server.awaitExit()).isEqualTo(1);
            assertThat(server.stderr().strip().lines()).singleElement().asString()
                    .contains("already in use").contains("--port");
            assertThat(server.stdoutLines()).isEmpty();
        }
    }

    @Test
    void nonAsciiNamesSurviveTheRoundTrip() throws Exception {
        try (var server = AgentMeterChild.start("--stdio", "--no-http")) {
            server.initialize("2025-06-18");
            String name = "résumé ✓ 日本";

            server.sendBytes(("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"simulate_agent_task\",\"arguments\":{\"name\":\"" + name + "\",\"duration\":0}}}\n")
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(server.nextMessage().path("result").path("structuredContent").path("data").path("name")
                    .asText()).isEqualTo(name);
        }
    }
}
