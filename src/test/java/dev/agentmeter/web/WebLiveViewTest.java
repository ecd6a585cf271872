package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live view of one agent, over the wire: {@code GET /api/events?agent=} pushes that agent's task table and
 * series (the page never refetches on a push) and {@code GET /api/live} answers the same document for a poll.
 */
@Timeout(60)
class WebLiveViewTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int THREADS = 4;
    private static final int TASKS_PER_THREAD = 50;

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
    void aFilteredStreamCarriesOnlyItsAgentsTasksWhileTheCardsCountEveryAgent() throws Exception {
        SseClient alpha = connect("/api/events?agent=alpha");
        SseClient all = connect("/api/events");
        await().atMost(WAIT).until(() -> alpha.count() >= 1 && all.count() >= 1);

        reportConcurrently();

        long total = 2L * THREADS * TASKS_PER_THREAD;
        await().atMost(WAIT).until(() -> alpha.last().totalRequests() == total && all.last().totalRequests() == total);
        assertThat(taskCounts(alpha.last().json())).containsExactly(
                Map.entry("alpha-task", (long) THREADS * TASKS_PER_THREAD));
        assertThat(taskCounts(all.last().json())).containsOnly(
                Map.entry("alpha-task", (long) THREADS * TASKS_PER_THREAD),
                Map.entry("beta-task", (long) THREADS * TASKS_PER_THREAD));
        assertThat(alpha.last().json()).containsOnlyKeys("dashboard", "tasks", "timeseries", "models", "alerts");
    }

    @Test
    void thePolledDocumentIsTheStreamsViewWithAlerts() {
        server.postJson("/api/tasks", "[{\"name\":\"alpha-task\",\"duration_ms\":5,\"success\":true,"
                + "\"agent\":\"alpha\"},{\"name\":\"beta-task\",\"duration_ms\":7,\"success\":false,"
                + "\"agent\":\"beta\"}]");

        Map<String, Object> live = data(server.get("/api/live?agent=beta").body());

        assertThat(live).containsOnlyKeys("dashboard", "tasks", "timeseries", "models", "alerts");
        assertThat(taskCounts(live)).containsExactly(Map.entry("beta-task", 1L));
        assertThat(live.get("alerts")).isEqualTo(List.of());
        assertThat(taskCounts(data(server.get("/api/live").body()))).hasSize(2);
    }

    @Test
    void anAgentThatLooksLikeANumberIsStillAnAgent() {
        server.postJson("/api/tasks", "{\"name\":\"t\",\"duration_ms\":1,\"success\":true,\"agent\":\"42\"}");

        assertThat(taskCounts(data(server.get("/api/live?agent=42").body()))).containsExactly(Map.entry("t", 1L));
    }

    @Test
    void aStreamWithAnUnknownParameterIsRefusedWithTheUsualMessage() {
        var response = server.get("/api/events?agnet=alpha");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown argument 'agnet'; expected: agent");
    }

    @Test
    void aStreamWithABlankAgentIsRefused() {
        var response = server.get("/api/events?agent=%20");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"invalid_argument\"");
    }

    private void reportConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            var start = new CountDownLatch(1);
            var done = new ArrayList<Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < TASKS_PER_THREAD; i++) {
                        assertThat(server.postJson("/api/tasks", "[{\"name\":\"alpha-task\",\"duration_ms\":1,"
                                + "\"success\":true,\"agent\":\"alpha\"},{\"name\":\"beta-task\",\"duration_ms\":2,"
                                + "\"success\":true,\"agent\":\"beta\"}]").statusCode()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> taskCounts(Map<String, Object> view) {
        var counts = new java.util.LinkedHashMap<String, Long>();
        for (Map<String, Object> task : (List<Map<String, Object>>) view.get("tasks")) {
            counts.put((String) task.get("name"), ((Number) task.get("count")).longValue());
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(String envelope) {
        return (Map<String, Object>) Envelopes.read(envelope).get("data");
    }

    private SseClient connect(String pathAndQuery) throws Exception {
        SseClient client = SseClient.connect(server.http(), server.uri(pathAndQuery));
        toClose.add(client);
        return client;
    }
}
