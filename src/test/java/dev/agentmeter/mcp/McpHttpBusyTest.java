package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.mcp.http.McpHttpLimits;
import dev.agentmeter.mcp.http.McpHttpSecurity;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.web.WebServer;
import dev.agentmeter.web.WebSettings;

/** The cap on MCP requests in progress keeps threads for the rest of the server: beyond it, 503. */
class McpHttpBusyTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String SLOW_CALL = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"simulate_agent_task\",\"arguments\":{\"name\":\"slow\",\"duration\":1}}}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}";

    private final HttpClient http = HttpClient.newHttpClient();
    private ScheduledExecutorService timer;
    private TaskSimulator simulator;
    private McpServers mcp;
    private WebServer web;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        timer = Executors.newSingleThreadScheduledExecutor();
        simulator = new TaskSimulator(metrics, timer, System::nanoTime, 10);
        var operations = new PerformanceOperations(metrics, simulator);
        var json = new JsonCodec();
        mcp = new McpServers(McpFeatures.of(operations, json, 100, 50), operations, "test");
        web = new WebServer(new WebSettings("127.0.0.1", 0, 16), operations, json);
        web.mount("/mcp/*", () -> mcp.streamableHttp(McpHttpSecurity.of("127.0.0.1", List.of()), McpHttpLimits.of(1)));
        web.start();
        endpoint = URI.create("http://127.0.0.1:" + web.port() + "/mcp");
    }

    @AfterEach
    void stop() throws Exception {
        web.stop();
        mcp.close();
        timer.shutdownNow();
    }

    @Test
    void aRequestBeyondTheCapIsRefusedWith503UntilAPlaceIsFree() throws Exception {
        String session = post(INITIALIZE, null).headers().firstValue("Mcp-Session-Id").orElseThrow();
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(request(SLOW_CALL, session), BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.inFlight() == 1);

        HttpResponse<String> refused = post(LIST, session);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("\"code\":-32600", "retry");
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(post(LIST, session).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String body, String session) throws Exception {
        return http.send(request(body, session), BodyHandlers.ofString());
    }

    private HttpRequest request(String body, String session) {
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return request.build();
    }
}
