package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.stream.Stream;

import dev.agentmeter.mcp.features.TaskUris;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.testing.AgentMeterChild;

/**
 * The hostile-input suite for MCP: malformed JSON-RPC, sent over stdio and over Streamable HTTP to one process
 * that serves both. For each: the exact HTTP status, the same JSON-RPC error on both transports (its code, and
 * no Java internals in it), or no answer at all where JSON-RPC gives none; no ERROR line in the server's log, both
 * transports still answering, and the recorded figures unchanged. Three tasks are recorded first, so that a task slipping through would show.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEDED_TASKS = 3;
    private static final String NO_ANSWER = "(none)";

    private AgentMeterChild server;
    private URI endpoint;
    private String session;
    private int nextId = 1_000;

    /** One hostile message: what it is, the HTTP status it gets, and the JSON-RPC error code (or no answer at all). */
    record Case(String name, String message, int httpStatus, Integer code) {
        @Override
        public String toString() {
            return name + " -> " + httpStatus + (code == null ? "" : " " + code);
        }
    }

    @BeforeAll
    void start() throws Exception {
        server = AgentMeterChild.start("--stdio", "--port", "0", "--rate-limit", "off");
        server.initialize("2025-06-18");
        endpoint = URI.create("http://127.0.0.1:" + server.httpPort() + "/mcp");
        HttpResponse<String> initialized = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                null);
        session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).statusCode())
                .isEqualTo(202);
        for (int i = 0; i < SEEDED_TASKS; i++) {
            server.send(call(nextId++, "record_agent_task", "{\"name\":\"seed\",\"duration_ms\":5,\"success\":true}"));
            assertThat(server.nextMessage().path("result").path("isError").asBoolean()).isFalse();
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Case> cases() {
        var cases = new ArrayList<Case>();
        // Params a handler cannot read.
        cases.add(new Case("arguments of a wrong type", call(7, "get_error_log", "\"x\""), 200, -32602));
        cases.add(new Case("params that are an array",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":[\"a\"]}", 200, -32602));
        cases.add(new Case("params that are a string",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":\"x\"}", 400, -32600));
        cases.add(new Case("a tool call without params", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\"}",
                200, -32602));
        cases.add(new Case("initialize without params", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\"}",
                200, -32602));
        cases.add(new Case("initialize with a clientInfo that is no object", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":5}}",
                200, -32602));
        cases.add(new Case("an unknown logging level", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"logging/setLevel\","
                + "\"params\":{\"level\":\"loud\"}}", 200, -32602));
        cases.add(new Case("a logging level left out", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"logging/setLevel\","
                + "\"params\":{}}", 200, -32602));
        cases.add(new Case("prompt arguments that are a number", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"prompts/get\",\"params\":{\"name\":\"diagnose_performance\",\"arguments\":5}}", 200, -32602));
        cases.add(new Case("a completion ref that is a number", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"completion/complete\",\"params\":{\"ref\":5,\"argument\":{\"name\":\"task\",\"value\":\"\"}}}",
                200, -32602));
        cases.add(new Case("a resource URI that is a number", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"resources/read\",\"params\":{\"uri\":7}}", 200, -32602));
        // Subscriptions beyond what a session may hold.
        cases.add(new Case("a subscription to a URI of 3 KiB", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"resources/subscribe\",\"params\":{\"uri\":\"agentmeter://tasks/" + "u".repeat(3 * 1024) + "\"}}",
                200, -32602));
        cases.add(new Case("a subscription to no resource at all", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"resources/subscribe\",\"params\":{\"uri\":\"file:///etc/passwd\"}}", 200, -32002));
        // Not JSON-RPC 2.0.
        cases.add(new Case("jsonrpc 1.0", "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}", 400, -32600));
        cases.add(new Case("an id given twice", "{\"jsonrpc\":\"2.0\",\"id\":7,\"id\":8,\"method\":\"ping\"}", 400,
                -32700));
        cases.add(new Case("an id that is an object", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", 400, -32600));
        cases.add(new Case("an id that is an array", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}", 400, -32600));
        cases.add(new Case("an id that is a boolean", "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", 400,
                -32600));
        // Answers to requests the server never sent.
        cases.add(new Case("a response from the client", "{\"jsonrpc\":\"2.0\",\"id\":14,\"result\":{}}", 202, null));
        cases.add(new Case("an error response from the client",
                "{\"jsonrpc\":\"2.0\",\"id\":\"x-1\",\"error\":{\"code\":1,\"message\":\"no\"}}", 202, null));
        // Notifications nothing here acts on: no answer, no log line.
        cases.add(new Case("an unknown notification",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\",\"params\":{\"a\":1}}", 202, null));
        cases.add(new Case("a cancellation of a request that never was", "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"notifications/cancelled\",\"params\":{\"requestId\":424242}}", 202, null));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostileMessageGetsTheSameAnswerOnBothTransportsAndChangesNothing(Case hostile) throws Exception {
        HttpResponse<String> overHttp = post(hostile.message(), session);
        String overStdio = stdioAnswer(hostile.message());

        assertThat(overHttp.statusCode()).as(overHttp.body()).isEqualTo(hostile.httpStatus());
        if (hostile.code() == null) {
            assertThat(overHttp.body()).isEmpty();
            assertThat(overStdio).isEqualTo(NO_ANSWER);
        } else {
            assertThat(overHttp.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            JsonNode error = JSON.readTree(overHttp.body()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(hostile.code());
            assertThat(error.path("message").asText()).isNotBlank()
                    .doesNotContain("java.", "Exception", "`", "io.modelcontextprotocol", "Cannot ", "null");
            assertThat(overStdio).as("the same answer on stdio").isEqualTo(overHttp.body());
        }
        assertHealthyAndUnchanged();
    }

    @Test
    void aSessionHoldsAtMostAHundredSubscriptionsOnEitherTransport() throws Exception {
        for (int i = 0; i < SessionSubscriptions.MAX_SUBSCRIPTIONS; i++) {
            String subscribe = subscribe(i);
            assertThat(JSON.readTree(stdioAnswer(subscribe)).has("result")).isTrue();
            assertThat(post(subscribe, session).statusCode()).isEqualTo(200);
        }

        String oneMore = subscribe(SessionSubscriptions.MAX_SUBSCRIPTIONS);
        HttpResponse<String> overHttp = post(oneMore, session);

        assertThat(overHttp.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(overHttp.body()).path("error").path("message").asText()).contains("at most 100");
        assertThat(stdioAnswer(oneMore)).isEqualTo(overHttp.body());
        String again = subscribe(0);
        assertThat(JSON.readTree(stdioAnswer(again)).has("result")).as("subscribing again is no new one").isTrue();
        assertThat(post(unsubscribe(0), session).statusCode()).isEqualTo(200);
        assertThat(post(oneMore, session).body()).as("room after an unsubscribe").doesNotContain("error");
        for (int i = 0; i <= SessionSubscriptions.MAX_SUBSCRIPTIONS; i++) {
            stdioAnswer(unsubscribe(i));
            post(unsubscribe(i), session);
        }
        assertHealthyAndUnchanged();
    }

    private static String subscribe(int task) {
        return "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\""
                + TaskUris.of("task " + task) + "\"}}";
    }

    private static String unsubscribe(int task) {
        return subscribe(task).replace("resources/subscribe", "resources/unsubscribe");
    }

    /** The server answers a ping on both transports, the figures are the seeded ones, and its log has no ERROR. */
    private void assertHealthyAndUnchanged() throws Exception {
        int id = nextId++;
        server.send(call(id, "get_performance_metrics", "{}"));
        JsonNode metrics = server.nextMessage();
        assertThat(metrics.path("id").asInt()).isEqualTo(id);
        assertThat(metrics.path("result").path("structuredContent").path("data").path("total_requests").asInt())
                .isEqualTo(SEEDED_TASKS);
        HttpResponse<String> pong = post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}", session);
        assertThat(pong.statusCode()).isEqualTo(200);
        assertThat(pong.body()).contains("\"id\":9", "\"result\":{}");
        assertThat(server.stderr().lines().filter(line -> line.contains("[ERROR]")
                || line.contains("No handler registered"))).isEmpty();
    }

    /** What stdio answers {@code message}: its answer line, or {@link #NO_ANSWER} when a ping is answered first. */
    private String stdioAnswer(String message) throws Exception {
        int ping = nextId++;
        server.send(message);
        server.send("{\"jsonrpc\":\"2.0\",\"id\":" + ping + ",\"method\":\"ping\"}");
        String line = server.nextLine();
        JsonNode answer = JSON.readTree(line);
        if (answer.path("id").isInt() && answer.path("id").asInt() == ping) {
            return NO_ANSWER;
        }
        assertThat(JSON.readTree(server.nextLine()).path("id").asInt()).isEqualTo(ping);
        return line;
    }

    private static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    /** Each request on a connection of its own: after an error the server may close one. */
    private HttpResponse<String> post(String body, String sessionId) throws Exception {
        var request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(BodyPublishers.ofString(body));
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
