package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import dev.agentmeter.mcp.features.TaskUris;
import dev.agentmeter.mcp.http.McpHttpLimits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.testing.AgentMeterChild;

/**
 * Floods of MCP sessions against the real server in a child JVM with a small heap (128 MiB): sessions with
 * megabytes of client info, subscriptions with megabyte URIs, and initializes that name made-up session ids. The
 * heap holds (each session keeps a bounded part of what it was sent), the made-up ids count against the caps like
 * any other initialize, and a client from another address still gets in.
 */
@Timeout(300)
class McpHttpSessionFloodTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;
    private static final String THREE_MIB = "x".repeat(3 * MIB);

    @Test
    void aSmallHeapHoldsUnderSessionFloodsAndTheCapStopsMadeUpIds() throws Exception {
        try (var server = AgentMeterChild.start(List.of("-Xmx128m"), "--port", "0", "--rate-limit", "off")) {
            int port = server.httpPort();
            URI endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
            int opened = 0;

            // 120 sessions that each send 3.5 MiB of client info: 420 MiB if a session kept it.
            for (int i = 0; i < 120; i++) {
                HttpResponse<String> answer = post(endpoint, initialize("{\"name\":\"" + THREE_MIB.substring(MIB)
                        + "\",\"version\":\"" + THREE_MIB.substring(2 * MIB) + "\"}"), "made-up-" + i);
                assertThat(answer.statusCode()).as("initialize %d: %s", i, answer.body()).isEqualTo(200);
                opened++;
            }
            String session = post(endpoint, initialize("{\"name\":\"subscriber\",\"version\":\"1\"}"), null)
                    .headers().firstValue("Mcp-Session-Id").orElseThrow();
            opened++;
            post(endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session);

            // 150 subscriptions with 3 MiB URIs, then 150 with URIs of real tasks: a session keeps 100 of them.
            for (int i = 0; i < 150; i++) {
                JsonNode refused = JSON.readTree(post(endpoint, subscribe("agentmeter://tasks/" + i + THREE_MIB),
                        session).body());
                assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32602);
            }
            int subscribed = 0;
            for (int i = 0; i < 150; i++) {
                String body = post(endpoint, subscribe(TaskUris.of(i + "n".repeat(95))), session).body();
                subscribed += body.contains("\"result\"") ? 1 : 0;
            }
            assertThat(subscribed).isEqualTo(SessionSubscriptions.MAX_SUBSCRIPTIONS);

            // Initializes with made-up session ids stop at this address's share, as any initialize does.
            int admitted = opened;
            HttpResponse<String> last;
            do {
                last = post(endpoint, initialize("{\"name\":\"made up\",\"version\":\"1\"}"), "made-up-" + admitted);
                admitted += last.statusCode() == 200 ? 1 : 0;
            } while (last.statusCode() == 200 && admitted < 2 * McpHttpLimits.DEFAULT_MAX_SESSIONS);
            assertThat(last.statusCode()).isEqualTo(503);
            assertThat(last.body()).contains("from your address");
            assertThat(admitted).isEqualTo(McpHttpLimits.DEFAULT_MAX_SESSIONS_PER_ADDRESS);

            assertThat(LoopbackPost.send("127.0.0.2", port, initialize("{\"name\":\"elsewhere\",\"version\":\"1\"}"), null)
                    .status()).as("another address still gets in").isEqualTo(200);
            var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health")).build(), BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            String metrics = post(endpoint, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"get_performance_metrics\"}}", session).body();
            assertThat(metrics).contains("\"status\\\":\\\"success\\\"");
            assertThat(server.isAlive()).isTrue();
            assertThat(server.stderr()).doesNotContain("OutOfMemoryError", "[ERROR]");
        }
    }

    private static String initialize(String clientInfo) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{\"experimental\":{\"x\":\"" + THREE_MIB.substring(0, MIB / 2) + "\"}},"
                + "\"clientInfo\":" + clientInfo + "}}";
    }

    private static String subscribe(String uri) {
        return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"" + uri + "\"}}";
    }

    private static HttpResponse<String> post(URI endpoint, String body, String session) throws Exception {
        var request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString());
    }
}
