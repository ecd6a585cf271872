package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.TestSettings;

/** {@code /mcp} as a raw HTTP client sees it: who may call, and what an error answer looks like. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHttpEndpointTest {

    private static final String TRUSTED_ORIGIN = "https://tools.example.com";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Running running;
    private URI endpoint;

    @BeforeAll
    void start() throws Exception {
        running = AgentMeter.start(TestSettings.builder().allowedOrigins(List.of(TRUSTED_ORIGIN + "/")).build());
        endpoint = URI.create("http://127.0.0.1:" + running.httpPort() + "/mcp");
    }

    @AfterAll
    void stop() {
        running.stop();
    }

    @Test
    void aForeignOriginGets403WithAJsonRpcErrorBody() throws Exception {
        HttpResponse<String> response = send(initialize().header("Origin", "http://evil.example"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(jsonRpcError(response).path("message").asText()).contains("Origin");
    }

    @Test
    void loopbackOriginsOnAnyPortAreAllowed() throws Exception {
        for (String origin : List.of("http://localhost:5173", "http://127.0.0.1:9", "https://[::1]:8443", "http://localhost")) {
            assertThat(send(initialize().header("Origin", origin)).statusCode()).as(origin).isEqualTo(200);
        }
    }

    @Test
    void aConfiguredOriginIsAllowedExactly() throws Exception {
        assertThat(send(initialize().header("Origin", TRUSTED_ORIGIN)).statusCode()).isEqualTo(200);
        assertThat(send(initialize().header("Origin", TRUSTED_ORIGIN + ".evil.example")).statusCode()).isEqualTo(403);
        assertThat(send(initialize().header("Origin", "http://tools.example.com")).statusCode()).isEqualTo(403);
    }

    @Test
    void aBodyFarOverTheLimitIsRefusedOnAConnectionTheClientWillNotReuse() throws Exception {
        int farOver = McpServers.MAX_MESSAGE_BYTES + 4 * 1024 * 1024; // more than the server drains before answering
        HttpResponse<String> response = send(mcpRequest().POST(BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "x".repeat(farOver) + "\"}")));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
    }

    @Test
    void aRequestWithoutOriginIsAllowed() throws Exception {
        HttpResponse<String> response = send(initialize());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
    }

    @Test
    void aForeignHostGets421() throws Exception {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), running.httpPort())) {
            byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: rebound.example:" + running.httpPort() + "\r\n"
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

            assertThat(in.readLine()).startsWith("HTTP/1.1 421");
        }
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("malformed JSON", 400, request -> request.POST(BodyPublishers.ofString("{\"jsonrpc\": oops"))),
                bad("a JSON array", 400, request -> request.POST(BodyPublishers.ofString("[1,2,3]"))),
                bad("an object that is no message", 400, request -> request.POST(BodyPublishers.ofString("{}"))),
                bad("no Accept header", 400, request -> request.POST(BodyPublishers.ofString(INITIALIZE))
                        .setHeader("Accept", "text/html")),
                bad("an unknown session", 404, request -> request.POST(BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")).header("Mcp-Session-Id", "gone")),
                bad("a GET without session", 400, HttpRequest.Builder::GET),
                bad("DELETE of an unknown session", 404, request -> request.DELETE().header("Mcp-Session-Id", "gone")),
                bad("PUT", 405, request -> request.PUT(BodyPublishers.ofString(INITIALIZE))),
                bad("TRACE", 405, request -> request.method("TRACE", BodyPublishers.noBody())),
                bad("text/plain", 415, request -> request.POST(BodyPublishers.ofString(INITIALIZE))
                        .setHeader("Content-Type", "text/plain")),
                bad("a path below /mcp", 404, request -> request.uri(URI.create(request.build().uri() + "/deeper"))
                        .POST(BodyPublishers.ofString(INITIALIZE))),
                bad("an unsupported MCP-Protocol-Version", 400, request -> request.POST(BodyPublishers.ofString(LIST))
                        .header("Mcp-Session-Id", "any").header("MCP-Protocol-Version", "1999-01-01")),
                bad("a body over 4 MiB", 413, request -> request.POST(BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "x".repeat(McpServers.MAX_MESSAGE_BYTES) + "\"}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void anErrorBodyIsASmallJsonRpcErrorWithoutJavaInternals(String what, int status,
                                                              Function<HttpRequest.Builder, HttpRequest.Builder> shape)
            throws Exception {
        HttpResponse<String> response = send(shape.apply(mcpRequest()));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(response.body()).doesNotContain("Exception", "at io.", "java.", "jakarta.", "stackTrace", "\tat ");
        assertThat(jsonRpcError(response).path("message").asText()).isNotBlank();
    }

    @Test
    void anUnsupportedProtocolVersionHeaderInASessionGets400NamingTheSupportedOnes() throws Exception {
        String session = startSession();

        HttpResponse<String> response = send(inSession(session, LIST).header("MCP-Protocol-Version", "2099-12-31"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(jsonRpcError(response).path("message").asText())
                .contains("MCP-Protocol-Version", "2025-06-18", "2025-11-25");
    }

    @Test
    void everySupportedProtocolVersionHeaderIsServed() throws Exception {
        String session = startSession();

        for (String version : McpProtocolVersions.SUPPORTED) {
            assertThat(send(inSession(session, LIST).header("MCP-Protocol-Version", version)).statusCode())
                    .as(version).isEqualTo(200);
        }
        assertThat(send(inSession(session, LIST)).statusCode()).as("no header").isEqualTo(200);
    }

    @Test
    void anInitializeAnswersTheClientsVersionOrTheNewestItSpeaks() throws Exception {
        JsonNode known = JSON.readTree(send(initialize()).body());
        JsonNode future = JSON.readTree(send(mcpRequest().POST(BodyPublishers.ofString(
                INITIALIZE.replace("2025-06-18", "2099-01-01")))).body());

        assertThat(known.path("result").path("protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(future.path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void deleteEndsTheSession() throws Exception {
        String session = startSession();

        HttpResponse<String> deleted = send(mcpRequest().DELETE().header("Mcp-Session-Id", session));
        HttpResponse<String> after = send(inSession(session, LIST));

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(after.statusCode()).isEqualTo(404);
    }

    @Test
    void pingIsAnsweredWithAnEmptyResult() throws Exception {
        String session = startSession();

        HttpResponse<String> pong = send(inSession(session, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}"));

        assertThat(pong.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(pong.body());
        assertThat(answer.path("id").asInt()).isEqualTo(9);
        assertThat(answer.path("result").isObject()).isTrue();
    }

    @Test
    void aRequestWhoseStreamIsOnlyItsAnswerIsAnsweredAsOneJsonBodyWithItsLength() throws Exception {
        String session = startSession();

        HttpResponse<String> answer = send(inSession(session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"get_performance_metrics\",\"arguments\":{}}}"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(answer.headers().firstValueAsLong("Content-Length"))
                .hasValue(answer.body().getBytes(StandardCharsets.UTF_8).length);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("id").asInt()).isEqualTo(7);
        assertThat(body.path("result").path("structuredContent").path("status").asText()).isEqualTo("success");
        assertThat(body.path("result").path("content").path(0).path("text").asText())
                .isEqualTo(JSON.writeValueAsString(body.path("result").path("structuredContent")));
    }

    private String startSession() throws Exception {
        String session = send(initialize()).headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(send(inSession(session, INITIALIZED)).statusCode()).isEqualTo(202);
        return session;
    }

    private HttpRequest.Builder inSession(String session, String body) {
        return mcpRequest().header("Mcp-Session-Id", session).POST(BodyPublishers.ofString(body));
    }

    private static Arguments bad(String what, int status, Function<HttpRequest.Builder, HttpRequest.Builder> shape) {
        return Arguments.of(what, status, shape);
    }

    private HttpRequest.Builder mcpRequest() {
        return HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
    }

    private HttpRequest.Builder initialize() {
        return mcpRequest().POST(BodyPublishers.ofString(INITIALIZE));
    }

    /**
     * Each request on a connection of its own: these requests provoke errors, after which the server may close
     * a connection, and the JDK client does not retry a POST on a pooled connection that turns out closed.
     */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static JsonNode jsonRpcError(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.has("id")).isTrue();
        assertThat(body.path("error").path("code").isInt()).isTrue();
        return body.path("error");
    }
}
