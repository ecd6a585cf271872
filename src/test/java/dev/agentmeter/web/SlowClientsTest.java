package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentmeter.mcp.McpFeatures;
import dev.agentmeter.mcp.http.McpHttpLimits;
import dev.agentmeter.mcp.http.McpHttpSecurity;
import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.web.api.WebExtensions;
import dev.agentmeter.web.guard.RateLimit;

/**
 * Hostile clients that are slow rather than malformed: bodies or headers trickled a byte at a time by 64
 * connections from four addresses, connections held open, bodies that would fill memory. Against a server set
 * up as a team runs it (a token, the default rate limit, MCP mounted) with a short deadline for requests to
 * arrive. The hostile suite's rule holds: each flood gets its exact answer once the deadline passes, the server
 * answers its probes throughout, and the recorded figures do not change.
 */
@Timeout(60)
class SlowClientsTest {

    private static final String TOKEN = WebAuthTest.TOKEN;
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** A probe's answer must come within this, however the flood goes (a generous bound, not a speed). */
    private static final Duration PROBE_BOUND = Duration.ofSeconds(5);
    private static final int ADDRESSES = 4;
    private static final int CONNECTIONS_PER_ADDRESS = 16;

    private final PerformanceMetrics metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROBE_BOUND).build();
    private final List<Socket> sockets = new ArrayList<>();
    private McpServers mcp;
    private WebServer web;

    @AfterEach
    void stop() throws Exception {
        trickler.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (web != null) {
            web.stop();
        }
        if (mcp != null) {
            mcp.close();
        }
        timer.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/login", "/api/tasks", "/mcp"})
    void sixtyFourTrickledBodiesHoldNoThreadAndGet408AtTheDeadline(String path) throws Exception {
        start(new WebSettings("127.0.0.1", 0, 32).withRequestReadTimeout(DEADLINE));
        long recordedBefore = metrics.snapshot().totalRequests();
        // With the token: a client that may use the server (the login page needs none) is slow, not refused.
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: 100000\r\n\r\n";
        List<Socket> flood = openFlood(head);
        trickle(flood, " ");

        probeWhile(DEADLINE.plusSeconds(1));

        for (Socket socket : flood) {
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 408");
        }
        assertHealthyAndUnchanged(recordedBefore);
    }

    @Test
    void theTimeoutAnswerIsTheErrorEnvelopeAndClosesTheConnection() throws Exception {
        start(new WebSettings("127.0.0.1", 0, 32).withRequestReadTimeout(DEADLINE));
        Socket socket = open(InetAddress.getLoopbackAddress(), "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n[");

        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(answer).startsWith("HTTP/1.1 408").containsIgnoringCase("Connection: close");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(Envelopes.read(body)).isEqualTo(Map.of("status", "error", "error", Map.of(
                "code", "invalid_argument", "message", "the request took too long to arrive")));
    }

    @Test
    void sixtyFourTrickledHeadersAreClosedAtTheDeadline() throws Exception {
        start(new WebSettings("127.0.0.1", 0, 32).withRequestReadTimeout(DEADLINE));
        long recordedBefore = metrics.snapshot().totalRequests();
        List<Socket> flood = openFlood("GET /api/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        trickle(flood, "X");

        probeWhile(DEADLINE.plusSeconds(1));

        for (Socket socket : flood) {
            assertThat(closedWithoutAnswer(socket)).isTrue();
        }
        assertHealthyAndUnchanged(recordedBefore);
    }

    @Test
    void beyondTheConnectionCapANewConnectionWaitsUntilOneCloses() throws Exception {
        int cap = 4;
        start(new WebSettings("127.0.0.1", 0, 32).withMaxConnections(cap));
        var idle = new ArrayList<Socket>();
        for (int i = 0; i < cap; i++) {
            idle.add(open(InetAddress.getLoopbackAddress(), ""));
        }
        await().atMost(PROBE_BOUND).until(() -> web.openConnections() == cap);
        CompletableFuture<HttpResponse<String>> waiting = health();

        await().during(Duration.ofMillis(800)).atMost(PROBE_BOUND).until(() -> !waiting.isDone());
        idle.get(0).close();

        assertThat(waiting.get(PROBE_BOUND.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyBeyondTheMemoryForBodiesIsRefusedWith503AndTheMemoryIsGivenBack() throws Exception {
        int budget = WebSettings.DEFAULT_MAX_BODY_BYTES * 3 / 2;
        start(new WebSettings("127.0.0.1", 0, 32).withRequestReadTimeout(DEADLINE).withMaxBufferedBodyBytes(budget));
        long recordedBefore = metrics.snapshot().totalRequests();
        String head = "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n";
        Socket holding = open(InetAddress.getLoopbackAddress(), head + "[" + " ".repeat(899_999));
        await().atMost(PROBE_BOUND).until(() -> web.bufferedBodyBytes() == 900_000);

        Socket refused = open(InetAddress.getLoopbackAddress(), head + "[" + " ".repeat(699_999));

        RawHttp.Answer answer = read(refused);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).hasValue("1");
        assertThat(statusLine(holding)).startsWith("HTTP/1.1 408");
        await().atMost(PROBE_BOUND).until(() -> web.bufferedBodyBytes() == 0);
        assertHealthyAndUnchanged(recordedBefore);
    }

    @Test
    void bodiesThatArriveWholeAreServedAndGiveTheirMemoryBack() throws Exception {
        start(new WebSettings("127.0.0.1", 0, 32));
        String batch = "[{\"name\":\"plan\",\"duration_ms\":5,\"success\":true}]";

        for (int i = 0; i < 20; i++) {
            assertThat(send(HttpRequest.newBuilder(uri("/api/tasks")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(batch)))
                    .statusCode()).isEqualTo(200);
        }

        assertThat(metrics.snapshot().totalRequests()).isEqualTo(20);
        await().atMost(PROBE_BOUND).until(() -> web.bufferedBodyBytes() == 0);
    }

    private void start(WebSettings settings) throws Exception {
        var simulator = new TaskSimulator(metrics, timer, System::nanoTime, 10);
        var operations = new PerformanceOperations(metrics, simulator);
        var json = new JsonCodec();
        var security = new WebSecurity(Optional.of(TOKEN), RateLimit.parse(RateLimit.DEFAULT), List.of(),
                Optional.empty(), WebSecurity.DEFAULT_STOP_TIMEOUT);
        mcp = new McpServers(McpFeatures.of(operations, json, 100, 50), operations, "test");
        web = new WebServer(settings, security, operations, json, WebExtensions.none());
        web.mount("/mcp/*", () -> mcp.streamableHttp(McpHttpSecurity.of("127.0.0.1", List.of()), McpHttpLimits.of(16)),
                McpServers.MAX_MESSAGE_BYTES);
        web.start();
    }

    /** 16 connections from each of four loopback addresses, each having sent {@code head}. */
    private List<Socket> openFlood(String head) throws IOException {
        var flood = new ArrayList<Socket>();
        for (int address = 1; address <= ADDRESSES; address++) {
            for (int i = 0; i < CONNECTIONS_PER_ADDRESS; i++) {
                flood.add(open(InetAddress.getByName("127.0.0." + address), head));
            }
        }
        return flood;
    }

    /** Sends one more byte on every connection every 300 ms, until it is closed. */
    private void trickle(List<Socket> flood, String oneByte) {
        byte[] bytes = oneByte.getBytes(StandardCharsets.US_ASCII);
        trickler.scheduleWithFixedDelay(() -> {
            for (Socket socket : flood) {
                try {
                    socket.getOutputStream().write(bytes);
                } catch (IOException e) {
                    // Closed by the server: nothing more to trickle there.
                }
            }
        }, 0, 300, TimeUnit.MILLISECONDS);
    }

    /** Probes /health and the figures every 100 ms for {@code period}; each must answer within the bound. */
    private void probeWhile(Duration period) {
        await().during(period).atMost(period.plus(PROBE_BOUND.multipliedBy(2))).pollInterval(Duration.ofMillis(100))
                .until(() -> health().get(PROBE_BOUND.toMillis(), TimeUnit.MILLISECONDS).statusCode() == 200
                        && send(HttpRequest.newBuilder(uri("/api/metrics")).header("Authorization", "Bearer " + TOKEN))
                                .statusCode() == 200);
    }

    private void assertHealthyAndUnchanged(long recordedBefore) throws Exception {
        assertThat(health().get(PROBE_BOUND.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
        assertThat(metrics.snapshot().totalRequests()).isEqualTo(recordedBefore);
    }

    private CompletableFuture<HttpResponse<String>> health() {
        return http.sendAsync(HttpRequest.newBuilder(uri("/health")).timeout(PROBE_BOUND.multipliedBy(2)).build(),
                BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(PROBE_BOUND).build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + web.port() + path);
    }

    private Socket open(InetAddress from, String text) throws IOException {
        var socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", web.port()), (int) PROBE_BOUND.toMillis());
        socket.setSoTimeout((int) DEADLINE.plus(PROBE_BOUND).toMillis());
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The first line the server sent on {@code socket}, waiting at most the deadline and the probe bound. */
    private static String statusLine(Socket socket) throws IOException {
        var line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private static boolean closedWithoutAnswer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) { // reset: closed with bytes still unread on the server's side
            return true;
        }
    }

    private static RawHttp.Answer read(Socket socket) throws IOException {
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int split = answer.indexOf("\r\n\r\n");
        return new RawHttp.Answer(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, split),
                answer.substring(split + 4));
    }
}
