package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.agentmeter.web.guard.RateLimit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.testing.AgentMeterChild;

/**
 * The guards against strangers, as the command line sets them by default: on a loopback address without a token
 * every client is this machine, so nothing per address may throttle its agents; with a token (or beyond
 * loopback, see {@code ExposureCheckTest}) the default limit stands, and an explicit one always wins.
 */
@Timeout(120)
class LoopbackDefaultsTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final int CONCURRENT_SIMULATIONS = 30;
    private static final int FLEET_REQUESTS = 2_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void thirtyConcurrentSimulationsFromOneLocalScriptAllSucceed() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--port", "0")) {
            URI mcp = URI.create("http://127.0.0.1:" + process.httpPort() + "/mcp");
            HttpResponse<String> initialized = http.send(mcpRequest(mcp, INITIALIZE, null), BodyHandlers.ofString());
            String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.send(mcpRequest(mcp, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session),
                    BodyHandlers.discarding());

            var calls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < CONCURRENT_SIMULATIONS; i++) {
                String call = "{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i) + ",\"method\":\"tools/call\",\"params\":{"
                        + "\"name\":\"simulate_agent_task\",\"arguments\":{\"name\":\"local-" + i + "\",\"duration\":1}}}";
                calls.add(http.sendAsync(mcpRequest(mcp, call, session), BodyHandlers.ofString()));
            }

            for (var call : calls) {
                HttpResponse<String> answer = call.get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("\"isError\":false");
            }
        }
    }

    @Test
    void aLocalFleetReportingFromOneAddressIsNeverThrottled() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--port", "0")) {
            URI metrics = URI.create("http://127.0.0.1:" + process.httpPort() + "/api/metrics");

            var statuses = fleetOfRequests(metrics);

            assertThat(statuses).containsOnlyKeys(200);
            assertThat(process.stderr()).contains("rate limit per address: off");
        }
    }

    @Test
    void withATokenTheDefaultRateLimitStands() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--port", "0", "--token", WebAuthTest.TOKEN)) {
            process.httpPort();

            assertThat(process.stderr()).contains("rate limit per address: " + RateLimit.DEFAULT);
        }
    }

    @Test
    void anExplicitRateLimitWinsOnLoopbackToo() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--port", "0", "--rate-limit", "10/s")) {
            URI metrics = URI.create("http://127.0.0.1:" + process.httpPort() + "/api/metrics");

            var statuses = fleetOfRequests(metrics);

            assertThat(statuses).containsKeys(200, 429);
            assertThat(process.stderr()).contains("rate limit per address: 10/s");
        }
    }

    /** {@value #FLEET_REQUESTS} requests from 16 threads as fast as they go; how many got which status. */
    private ConcurrentHashMap<Integer, AtomicInteger> fleetOfRequests(URI uri) throws Exception {
        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        ExecutorService fleet = Executors.newFixedThreadPool(16);
        try {
            var agents = new ArrayList<Future<?>>();
            for (int agent = 0; agent < 16; agent++) {
                agents.add(fleet.submit(() -> {
                    for (int i = 0; i < FLEET_REQUESTS / 16; i++) {
                        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
                        int status = http.send(request, BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (var agent : agents) {
                agent.get(90, TimeUnit.SECONDS);
            }
        } finally {
            fleet.shutdownNow();
        }
        return statuses;
    }

    private static HttpRequest mcpRequest(URI endpoint, String body, String session) {
        var request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return request.build();
    }
}
