package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/events} over the wire: first event at once, coalesced updates, the cap, slow clients. */
@Timeout(30) // a hung exchange fails its test instead of stalling the build
class WebEventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        server.close();
    }

    @Test
    void aClientGetsADashboardEventAtOnceWithTheStreamHeaders() throws Exception {
        SseClient client = connect();

        assertThat(client.status()).isEqualTo(200);
        assertThat(client.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        assertThat(client.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(client.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        await().atMost(Duration.ofSeconds(2)).until(() -> client.count() >= 1);
        SseClient.Event first = client.events().get(0);
        assertThat(first.name()).isEqualTo("dashboard");
        assertThat(first.json()).containsOnlyKeys("dashboard", "tasks", "timeseries", "models", "alerts");
        assertThat(first.totalRequests()).isZero();
    }

    @Test
    void aRecordedTaskIsPushedWithTheNewCount() throws Exception {
        SseClient client = connect();
        await().atMost(WAIT).until(() -> client.count() >= 1);

        server.postJson("/api/tasks/simulate", "{\"name\":\"pushed\",\"duration\":0}");

        await().atMost(WAIT).until(() -> client.last().totalRequests() == 1);
    }

    @Test
    void usageRecordedWithoutATaskIsPushedWithItsModel() throws Exception {
        SseClient client = connect();
        await().atMost(WAIT).until(() -> client.count() >= 1);

        server.running().operations().recordUsage(java.util.Map.of("model", "gpt-5", "input_tokens", 42));

        await().atMost(WAIT).until(() -> client.last().json().get("models").toString().contains("gpt-5"));
        assertThat(client.last().totalRequests()).isZero();
    }

    @Test
    void manyQuickTasksAreCoalescedIntoFewEvents() throws Exception {
        SseClient client = connect();
        await().atMost(WAIT).until(() -> client.count() >= 1);
        long startNanos = System.nanoTime();

        for (int i = 0; i < 2_000; i++) {
            server.running().metrics().record("burst", Duration.ofMillis(1), true, null);
        }
        await().atMost(WAIT).until(() -> client.last().totalRequests() == 2_000);

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        int updates = client.count() - 1;
        // At most one event per 250 ms tick, plus one for a tick that straddles the start.
        assertThat(updates).isBetween(1, (int) (elapsedMillis / 250) + 2);
    }

    @Test
    void oneStreamOverTheCapIsRefusedWith503() throws Exception {
        for (int i = 0; i < WebSettings.DEFAULT_MAX_EVENT_STREAMS; i++) {
            Socket socket = RawHttp.openWithoutReading(server.port(), "/api/events", 64 * 1024);
            toClose.add(socket);
            assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 200");
        }

        var refused = server.get("/api/events");

        Envelopes.assertError(refused, 503, "unavailable", "too many event streams are open (32); try again later");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void streamsThatCloseFreeTheirPlaces() throws Exception {
        var sockets = new ArrayList<Socket>();
        for (int i = 0; i < WebSettings.DEFAULT_MAX_EVENT_STREAMS; i++) {
            Socket socket = RawHttp.openWithoutReading(server.port(), "/api/events", 64 * 1024);
            sockets.add(socket);
            RawHttp.readHead(socket);
        }
        for (Socket socket : sockets) {
            socket.close();
        }

        // A closed stream is noticed when the next write to it fails; changes make writes happen.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            server.running().metrics().record("nudge", Duration.ofMillis(1), true, null);
            try (Socket socket = RawHttp.openWithoutReading(server.port(), "/api/events", 64 * 1024)) {
                return RawHttp.readHead(socket).startsWith("HTTP/1.1 200");
            }
        });
    }

    @Test
    void aClientThatNeverReadsSlowsNeitherRecordingNorOtherClients() throws Exception {
        Socket stuck = RawHttp.openWithoutReading(server.port(), "/api/events", 1024);
        toClose.add(stuck);
        SseClient healthy = connect();
        await().atMost(WAIT).until(() -> healthy.count() >= 1);

        int threads = 4;
        int tasksPerThread = 2_500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            var done = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < tasksPerThread; i++) {
                        server.running().metrics().record("crowd", Duration.ofMillis(i % 50), true, null);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(server.running().metrics().snapshot().totalRequests()).isEqualTo(threads * tasksPerThread);
        await().atMost(WAIT).until(() -> healthy.last().totalRequests() == threads * tasksPerThread);
        server.postJson("/api/tasks/simulate", "{\"name\":\"after\",\"duration\":0}");
        await().atMost(WAIT).until(() -> healthy.last().totalRequests() == threads * tasksPerThread + 1);
    }

    @Test
    void stoppingTheServerEndsOpenStreamsWithoutWaitingForThem() throws Exception {
        SseClient client = connect();
        toClose.add(RawHttp.openWithoutReading(server.port(), "/api/events", 1024));
        await().atMost(WAIT).until(() -> client.count() >= 1);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> server.close());

        await().atMost(WAIT).until(client::ended);
    }

    private SseClient connect() throws Exception {
        SseClient client = SseClient.connect(server.http(), server.uri("/api/events"));
        toClose.add(client);
        return client;
    }
}
