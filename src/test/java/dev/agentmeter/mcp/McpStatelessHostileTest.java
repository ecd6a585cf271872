package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.agentmeter.testing.AgentMeterChild;
import dev.agentmeter.mcp.features.TaskUris;

/**
 * Hostile MCP 2026-07-28 input, over Streamable HTTP and stdio to one process that also holds a 2025-11-25 session
 * on each: missing {@code _meta} keys, an unsupported version, headers that contradict the body or are missing, a
 * session id sent anyway, methods the revision removed. Each gets the specified error with the specified HTTP status
 * (and the same error on stdio, where the case exists there); after each, nothing is recorded, both transports and
 * both revisions still answer, and the log has no ERROR. Every refused call is a {@code simulate_agent_task}, so a
 * call slipping through would show in the figures.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpStatelessHostileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEDED_TASKS = 2;
    private static final String VERSION = "2026-07-28";
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION
            + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
    private static final String SIMULATE = "\"name\":\"simulate_agent_task\",\"arguments\":{\"name\":\"hostile\","
            + "\"duration\":0}";

    private AgentMeterChild server;
    private URI endpoint;
    private String legacySession;
    private int nextId = 1_000;

    /**
     * One hostile request: its body, the headers it is sent with over HTTP (null values leave a header out), the
     * HTTP status and JSON-RPC error code it gets, and whether stdio has the same case (it has no headers).
     */
    record Case(String name, String body, Map<String, String> headers, int httpStatus, int code, boolean onStdio) {
        @Override
        public String toString() {
            return name + " -> " + httpStatus + " " + code;
        }
    }

    @BeforeAll
    void start() throws Exception {
        server = AgentMeterChild.start("--stdio", "--port", "0", "--rate-limit", "off");
        server.initialize("2025-11-25");
        endpoint = URI.create("http://127.0.0.1:" + server.httpPort() + "/mcp");
        HttpResponse<String> initialized = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                Map.of());
        legacySession = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                Map.of("Mcp-Session-Id", legacySession)).statusCode()).isEqualTo(202);
        for (int i = 0; i < SEEDED_TASKS; i++) {
            server.send("{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"record_agent_task\",\"arguments\":{\"name\":\"seed\",\"duration_ms\":5,\"success\":true}}}");
            assertThat(server.nextMessage().path("result").path("isError").asBoolean()).isFalse();
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Case> cases() {
        var cases = new ArrayList<Case>();
        // Meta the specification requires: -32602, 400 on HTTP.
        cases.add(new Case("no _meta, a 2026-07-28 header", request("tools/call", SIMULATE),
                headers("tools/call", "simulate_agent_task"), 400, -32602, false));
        cases.add(new Case("_meta without the protocol version, a 2026-07-28 header", request("tools/call", SIMULATE
                + ",\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":{}}"),
                headers("tools/call", "simulate_agent_task"), 400, -32602, false));
        cases.add(new Case("_meta without client capabilities", request("tools/call", SIMULATE
                + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION + "\"}"),
                headers("tools/call", "simulate_agent_task"), 400, -32602, true));
        cases.add(new Case("a protocol version that is a number", request("tools/call", SIMULATE
                + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":2026,"
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}"),
                headers("tools/call", "simulate_agent_task"), 400, -32602, true));
        cases.add(new Case("a log level that is no level", request("tools/call", SIMULATE + ","
                + META.replace("{}}", "{},\"io.modelcontextprotocol/logLevel\":\"loud\"}")),
                headers("tools/call", "simulate_agent_task"), 400, -32602, true));
        // A version this server does not serve per request: -32022, 400, with the versions it does.
        var unsupported = new LinkedHashMap<>(headers("tools/call", "simulate_agent_task"));
        unsupported.put("MCP-Protocol-Version", "1900-01-01");
        cases.add(new Case("an unsupported version", request("tools/call", SIMULATE + "," + META.replace(VERSION,
                "1900-01-01")), unsupported, 400, -32022, true));
        // Headers that contradict the body, or are missing: -32020, 400 (HTTP only).
        cases.add(new Case("Mcp-Method names another method", request("tools/call", SIMULATE + "," + META),
                headers("tools/list", "simulate_agent_task"), 400, -32020, false));
        cases.add(new Case("Mcp-Name names another tool", request("tools/call", SIMULATE + "," + META),
                headers("tools/call", "get_dashboard_data"), 400, -32020, false));
        cases.add(new Case("Mcp-Name left out", request("tools/call", SIMULATE + "," + META),
                headers("tools/call", null), 400, -32020, false));
        cases.add(new Case("Mcp-Method left out", request("tools/call", SIMULATE + "," + META),
                headers(null, "simulate_agent_task"), 400, -32020, false));
        var noVersion = new LinkedHashMap<>(headers("tools/call", "simulate_agent_task"));
        noVersion.put("MCP-Protocol-Version", null);
        cases.add(new Case("MCP-Protocol-Version left out", request("tools/call", SIMULATE + "," + META), noVersion,
                400, -32020, false));
        var otherVersion = new LinkedHashMap<>(headers("tools/call", "simulate_agent_task"));
        otherVersion.put("MCP-Protocol-Version", "2025-11-25");
        cases.add(new Case("MCP-Protocol-Version contradicts _meta", request("tools/call", SIMULATE + "," + META),
                otherVersion, 400, -32020, false));
        cases.add(new Case("Mcp-Name in broken base64", request("tools/call", SIMULATE + "," + META),
                headers("tools/call", "=?base64?%%%?="), 400, -32020, false));
        // Methods 2026-07-28 removed: unknown, 404 on HTTP.
        cases.add(new Case("ping", request("ping", META), headers("ping", null), 404, -32601, true));
        cases.add(new Case("logging/setLevel", request("logging/setLevel", "\"level\":\"debug\"," + META),
                headers("logging/setLevel", null), 404, -32601, true));
        cases.add(new Case("resources/subscribe", request("resources/subscribe", "\"uri\":\"agentmeter://metrics\","
                + META), headers("resources/subscribe", null), 404, -32601, true));
        // Listen filters beyond the bounds.
        cases.add(new Case("a listen filter that is no object", request("subscriptions/listen",
                "\"notifications\":5," + META), headers("subscriptions/listen", null), 200, -32602, true));
        cases.add(new Case("a listen to 101 resources", request("subscriptions/listen",
                "\"notifications\":{\"resourceSubscriptions\":[" + "\"agentmeter://metrics\",".repeat(100)
                        + "\"agentmeter://errors\"]}," + META), headers("subscriptions/listen", null), 200, -32602, true));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileModernRequestGetsTheSpecifiedErrorAndChangesNothing(Case hostile) throws Exception {
        HttpResponse<String> overHttp = post(hostile.body(), hostile.headers());

        assertThat(overHttp.statusCode()).as(overHttp.body()).isEqualTo(hostile.httpStatus());
        assertThat(overHttp.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode answer = JSON.readTree(overHttp.body());
        assertThat(answer.path("id").asInt()).isEqualTo(7);
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(hostile.code());
        assertThat(answer.path("error").path("message").asText()).isNotBlank()
                .doesNotContain("java.", "Exception", "io.modelcontextprotocol.spec");
        if (hostile.code() == -32022) {
            assertThat(answer.path("error").path("data").path("supported").toString()).isEqualTo("[\"" + VERSION + "\"]");
            assertThat(answer.path("error").path("data").path("requested").asText()).isEqualTo("1900-01-01");
        }
        if (hostile.onStdio()) {
            server.send(hostile.body());
            JsonNode overStdio = server.nextMessage();
            assertThat(overStdio.path("error").path("code").asInt()).as("the same error on stdio")
                    .isEqualTo(hostile.code());
        }
        assertHealthyAndUnchanged();
    }

    @Test
    void sessionIdSentAnywayIsIgnoredNeitherEchoedNorRefused() throws Exception {
        String body = request("tools/call", "\"name\":\"get_performance_metrics\",\"arguments\":{}," + META);
        for (String session : new String[] {legacySession, "no-such-session"}) {
            var headers = new LinkedHashMap<>(headers("tools/call", "get_performance_metrics"));
            headers.put("Mcp-Session-Id", session);

            HttpResponse<String> answer = post(body, headers);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Mcp-Session-Id")).isEmpty();
            assertThat(JSON.readTree(answer.body()).path("result").path("resultType").asText()).isEqualTo("complete");
        }
        assertHealthyAndUnchanged();
    }

    @Test
    void mcpNameInBase64IsDecodedBeforeItIsCompared() throws Exception {
        String uri = TaskUris.of("seed");
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString(uri.getBytes(StandardCharsets.UTF_8)) + "?=";

        HttpResponse<String> answer = post(request("resources/read", "\"uri\":\"" + uri + "\"," + META),
                headers("resources/read", encoded));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(answer.body()).path("result");
        assertThat(result.path("contents").get(0).path("uri").asText()).isEqualTo(uri);
        assertThat(result.path("ttlMs").isIntegralNumber()).isTrue();
        assertThat(result.path("cacheScope").asText()).isEqualTo("private");
    }

    /** The figures are the seeded ones, both revisions answer on both transports, and the log has no ERROR. */
    private void assertHealthyAndUnchanged() throws Exception {
        int id = nextId++;
        server.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"get_performance_metrics\",\"arguments\":{}}}");
        JsonNode metrics = server.nextMessage();
        assertThat(metrics.path("id").asInt()).isEqualTo(id);
        assertThat(metrics.path("result").path("structuredContent").path("data").path("total_requests").asInt())
                .isEqualTo(SEEDED_TASKS);
        HttpResponse<String> pong = post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}",
                Map.of("Mcp-Session-Id", legacySession));
        assertThat(pong.body()).contains("\"id\":9", "\"result\":{}");
        HttpResponse<String> discover = post(request("server/discover", META), headers("server/discover", null));
        assertThat(JSON.readTree(discover.body()).path("result").path("supportedVersions").toString())
                .isEqualTo("[\"" + VERSION + "\"]");
        assertThat(server.stderr().lines().filter(line -> line.contains("[ERROR]"))).isEmpty();
    }

    private static String request(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":{" + params + "}}";
    }

    /** The headers a 2026-07-28 client sends with them; a null method or name leaves that header out. */
    private static Map<String, String> headers(String method, String name) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("MCP-Protocol-Version", VERSION);
        headers.put("Mcp-Method", method);
        headers.put("Mcp-Name", name);
        return headers;
    }

    /** Each request on a connection of its own: after an error the server may close one. */
    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(BodyPublishers.ofString(body));
        headers.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
