package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.MetricsView;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.web.WebServer;
import dev.agentmeter.web.WebSettings;
import dev.agentmeter.mcp.http.McpHttpLimits;
import dev.agentmeter.mcp.http.McpHttpSecurity;

/**
 * MCP 2026-07-28 over Streamable HTTP with real clients and threads: concurrent stateless calls lose nothing, and
 * {@code subscriptions/listen} streams are bounded by the same per-address cap as 2025-11-25 sessions, hear the
 * updates of what they listen to, and give their place back when their client goes.
 */
@Timeout(60)
class McpStatelessHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private final HttpClient http = HttpClient.newHttpClient();
    private ScheduledExecutorService timer;
    private PerformanceOperations operations;
    private McpServers mcp;
    private WebServer web;
    private URI endpoint;

    @AfterEach
    void stop() throws Exception {
        mcp.endStreams();
        web.stop();
        mcp.close();
        timer.shutdownNow();
    }

    @Test
    void eightThreadsRecordingStatelesslyLoseNoTask() throws Exception {
        start(McpHttpLimits.of(64));
        int threads = 8;
        int callsEach = 25;
        var ready = new CountDownLatch(threads);
        var go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    int ok = 0;
                    for (int i = 0; i < callsEach; i++) {
                        HttpResponse<String> answer = post(record("worker-" + thread));
                        if (answer.statusCode() == 200 && !JSON.readTree(answer.body()).path("result")
                                .path("isError").asBoolean(true)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            int answered = 0;
            for (Future<Integer> result : results) {
                answered += result.get(30, TimeUnit.SECONDS);
            }
            assertThat(answered).isEqualTo(threads * callsEach);
        } finally {
            pool.shutdownNow();
        }
        Envelope metrics = operations.getPerformanceMetrics(Arguments.none());
        assertThat(((MetricsView) ((Envelope.Success) metrics).data()).totalRequests()).isEqualTo(threads * callsEach);
    }

    @Test
    void listenStreamsCountAgainstTheSessionCapOfTheirAddress() throws Exception {
        start(McpHttpLimits.of(16).withMaxSessions(10).withMaxSessionsPerAddress(2));
        Listening first = listen("a");
        Listening second = listen("b");

        HttpResponse<String> third = post(listenRequest("c"));
        assertThat(third.statusCode()).as(third.body()).isEqualTo(503);
        assertThat(post(INITIALIZE).statusCode()).as("a 2025-11-25 session counts against the same cap")
                .isEqualTo(503);

        post(record("heard"));
        assertThat(first.nextUpdate()).isEqualTo("agentmeter://metrics");
        assertThat(second.nextUpdate()).isEqualTo("agentmeter://metrics");

        first.socket().close();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            post(record("nudge")); // the next update's write finds the closed stream and frees its place
            try (Socket probe = openListen("d")) {
                return new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))
                        .readLine().equals("HTTP/1.1 200 OK");
            }
        });
        second.socket().close();
    }

    /** An open listen stream on a socket of its own (closing it is the client going away). */
    private record Listening(Socket socket, BufferedReader reader, String id) {
        String nextUpdate() throws Exception {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    JsonNode message = JSON.readTree(line.substring("data: ".length()));
                    if ("notifications/resources/updated".equals(message.path("method").asText())) {
                        assertThat(message.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId")
                                .asText()).isEqualTo(id);
                        return message.path("params").path("uri").asText();
                    }
                }
            }
            throw new AssertionError("the stream ended before an update");
        }
    }

    private Listening listen(String id) throws Exception {
        Socket socket = openListen(id);
        var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
        String acknowledged = null;
        for (String line = reader.readLine(); acknowledged == null && line != null; line = reader.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                assertThat(line).contains("text/event-stream");
            }
            if (line.startsWith("data: ")) {
                acknowledged = line;
            }
        }
        JsonNode ack = JSON.readTree(acknowledged.substring("data: ".length()));
        assertThat(ack.path("method").asText()).isEqualTo("notifications/subscriptions/acknowledged");
        assertThat(ack.path("params").path("notifications").path("resourceSubscriptions").toString())
                .isEqualTo("[\"agentmeter://metrics\"]");
        return new Listening(socket, reader, id);
    }

    /** A listen request sent on a socket of its own, its answer not read yet. */
    private Socket openListen(String id) throws Exception {
        byte[] body = listenRequest(id).getBytes(StandardCharsets.UTF_8);
        var socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + endpoint.getPort() + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: subscriptions/listen\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static String listenRequest(String id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"subscriptions/listen\",\"params\":{"
                + "\"notifications\":{\"resourceSubscriptions\":[\"agentmeter://metrics\"]}," + META + "}}";
    }

    private static String record(String name) {
        return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"record_agent_task\","
                + "\"arguments\":{\"name\":\"" + name + "\",\"duration_ms\":5,\"success\":true}," + META + "}}";
    }

    private void start(McpHttpLimits limits) throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        timer = Executors.newSingleThreadScheduledExecutor();
        operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
        var json = new JsonCodec();
        mcp = new McpServers(McpFeatures.of(operations, json, 100, 50), operations, "test");
        web = new WebServer(new WebSettings("127.0.0.1", 0, 16), operations, json);
        web.mount("/mcp/*", () -> mcp.streamableHttp(McpHttpSecurity.of("127.0.0.1", List.of()), limits));
        web.start();
        endpoint = URI.create("http://127.0.0.1:" + web.port() + "/mcp");
    }

    /** A 2026-07-28 POST with the headers its body calls for; an initialize goes without them. */
    private HttpResponse<String> post(String body) throws Exception {
        JsonNode message = JSON.readTree(body);
        String method = message.path("method").asText();
        String name = message.path("params").path("name").asText(null);
        var request = "initialize".equals(method) ? base(null, null) : base(method, name);
        return http.send(request.POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder base(String method, String name) {
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (method != null) {
            request.header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
        }
        if (name != null) {
            request.header("Mcp-Name", name);
        }
        return request;
    }
}
