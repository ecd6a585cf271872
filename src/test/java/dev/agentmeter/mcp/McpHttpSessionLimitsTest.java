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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
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

/** Bounded memory with many clients: idle sessions are closed, and sessions beyond the cap are refused with 503. */
class McpHttpSessionLimitsTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
    private static final String TOOL_CALL = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"get_error_log\",\"arguments\":{}}}";

    private final HttpClient http = HttpClient.newHttpClient();
    private ScheduledExecutorService timer;
    private McpServers mcp;
    private WebServer web;
    private URI endpoint;

    @AfterEach
    void stop() throws Exception {
        web.stop();
        mcp.close();
        timer.shutdownNow();
    }

    @Test
    void aSessionIdleForTheTimeoutIsClosed() throws Exception {
        start(McpHttpLimits.of(8).withIdleTimeout(Duration.ofMillis(400)));
        String session = initialize().headers().firstValue("Mcp-Session-Id").orElseThrow();

        // A probe is a request, which keeps the session alive: probe less often than the timeout.
        await().pollDelay(Duration.ofMillis(800)).pollInterval(Duration.ofMillis(800)).atMost(Duration.ofSeconds(6))
                .until(() -> post(PING, session).statusCode() == 404);
    }

    @Test
    void aToolCallInASessionClosedForIdlenessIs404() throws Exception {
        start(McpHttpLimits.of(8).withIdleTimeout(Duration.ofMillis(400)));
        String session = initialize().headers().firstValue("Mcp-Session-Id").orElseThrow();

        await().pollDelay(Duration.ofMillis(800)).pollInterval(Duration.ofMillis(800)).atMost(Duration.ofSeconds(6))
                .until(() -> post(TOOL_CALL, session).statusCode() == 404);
    }

    @Test
    void aSessionInUseStaysOpenPastTheTimeout() throws Exception {
        // Long enough that a loaded machine still pings well within it.
        start(McpHttpLimits.of(8).withIdleTimeout(Duration.ofMillis(1_500)));
        String session = initialize().headers().firstValue("Mcp-Session-Id").orElseThrow();

        // Every poll is a ping, so the session is never idle for long.
        await().during(Duration.ofMillis(2_000)).atMost(Duration.ofSeconds(6))
                .until(() -> post(PING, session).statusCode() == 200);
    }

    @Test
    void aSessionUsedOnlyForToolCallsStaysOpenPastTheSdksSweep() throws Exception {
        // Tool calls are answered beside the SDK's servlet; the SDK must still count them as the session's activity.
        // The SDK sweeps every 1.5 s: unmarked, the session would be gone by the second sweep, within 3 s.
        start(McpHttpLimits.of(8).withIdleTimeout(Duration.ofMillis(3_000)));
        String session = initialize().headers().firstValue("Mcp-Session-Id").orElseThrow();

        await().during(Duration.ofMillis(4_000)).atMost(Duration.ofSeconds(10))
                .until(() -> post(TOOL_CALL, session).statusCode() == 200);
        assertThat(post(PING, session).statusCode()).as("the SDK's session is still there").isEqualTo(200);
    }

    @Test
    void beyondTheCapANewSessionGets503UntilOneIsDeleted() throws Exception {
        start(McpHttpLimits.of(8).withMaxSessions(2));
        String first = initialize().headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(initialize().statusCode()).isEqualTo(200);

        HttpResponse<String> refused = initialize();

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("too many MCP sessions");
        assertThat(post(PING, first).statusCode()).as("sessions already open keep working").isEqualTo(200);
        assertThat(delete(first).statusCode()).isEqualTo(200);
        assertThat(initialize().statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredSessionMakesRoomForANewOne() throws Exception {
        start(McpHttpLimits.of(8).withMaxSessions(1).withIdleTimeout(Duration.ofMillis(400)));
        assertThat(initialize().statusCode()).isEqualTo(200);
        assertThat(initialize().statusCode()).isEqualTo(503);

        await().atMost(Duration.ofSeconds(5)).until(() -> initialize().statusCode() == 200);
    }

    @Test
    void anInitializeNamingAMadeUpSessionCountsAgainstTheCapLikeAnyOther() throws Exception {
        start(McpHttpLimits.of(8).withMaxSessions(3));
        for (int i = 0; i < 3; i++) {
            assertThat(post(INITIALIZE, "made-up-" + i).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = post(INITIALIZE, "made-up-3");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(post(INITIALIZE, null).statusCode()).isEqualTo(503);
    }

    @Test
    void oneAddressThatOpensItsShareLeavesRoomForAnother() throws Exception {
        start(McpHttpLimits.of(8).withMaxSessions(4).withMaxSessionsPerAddress(2));
        assertThat(initialize().statusCode()).isEqualTo(200);
        assertThat(initialize().statusCode()).isEqualTo(200);

        HttpResponse<String> third = initialize();
        LoopbackPost.Answer elsewhere = LoopbackPost.send("127.0.0.2", web.port(), INITIALIZE, null);

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.body()).contains("from your address");
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(elsewhere.header("Mcp-Session-Id")).isPresent();
    }

    @Test
    void atTheCapTheSessionIdleLongestMakesRoomForANewcomer() throws Exception {
        start(McpHttpLimits.of(8).withMaxSessions(2).withEvictableAfter(Duration.ofMillis(300)));
        String oldest = initialize().headers().firstValue("Mcp-Session-Id").orElseThrow();
        String newer = initialize().headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(PING, newer); // newer was busy more recently

        var newcomer = new AtomicReference<LoopbackPost.Answer>();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            newcomer.set(LoopbackPost.send("127.0.0.2", web.port(), INITIALIZE, null));
            return newcomer.get().status() == 200;
        });

        assertThat(post(PING, oldest).statusCode()).as("the idlest session made room").isEqualTo(404);
        assertThat(http.send(base().GET().header("Mcp-Session-Id", oldest).build(), BodyHandlers.ofString())
                .statusCode()).as("the SDK forgot it too: no stream for it").isEqualTo(404);
        assertThat(post(PING, newer).statusCode()).isEqualTo(200);
        String arrived = newcomer.get().header("Mcp-Session-Id").orElseThrow();
        assertThat(LoopbackPost.send("127.0.0.2", web.port(), PING, arrived).status()).isEqualTo(200);
    }

    private void start(McpHttpLimits limits) throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        timer = Executors.newSingleThreadScheduledExecutor();
        var operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
        var json = new JsonCodec();
        mcp = new McpServers(McpFeatures.of(operations, json, 100, 50), operations, "test");
        web = new WebServer(new WebSettings("127.0.0.1", 0, 16), operations, json);
        web.mount("/mcp/*", () -> mcp.streamableHttp(McpHttpSecurity.of("127.0.0.1", List.of()), limits));
        web.start();
        endpoint = URI.create("http://127.0.0.1:" + web.port() + "/mcp");
    }

    private HttpResponse<String> initialize() throws Exception {
        return post(INITIALIZE, null);
    }

    private HttpResponse<String> post(String body, String session) throws Exception {
        var request = base().POST(BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String session) throws Exception {
        return http.send(base().DELETE().header("Mcp-Session-Id", session).build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder base() {
        return HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
    }
}
