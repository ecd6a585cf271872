package dev.agentmeter.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.testing.AgentMeterChild;


/**
 * Two real AgentMeter processes (child JVMs) on one PostgreSQL database, talked to over HTTP as a load balancer
 * would: one picture, exact counts, a reset that reaches both, kill -9, and the database stopped and started
 * again while tasks arrive. The cluster is this class's own, since one test stops it.
 */
class FleetProcessTest {

    private static final Duration FOLD_IN = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WRITERS = 8;

    private static PostgresCluster cluster;
    private String url;

    @BeforeAll
    static void startCluster() {
        cluster = PostgresCluster.start(false);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void newDatabase() {
        cluster.ensureRunning();
        url = cluster.url(cluster.newDatabase().database());
    }

    @Test
    void aTaskRecordedOnOneProcessShowsInTheOthersMetricsWithinTwoSeconds() throws Exception {
        try (var a = instance(); var b = instance()) {
            assertThat(a.post("/api/tasks", task("search", 12.5, false)).statusCode()).isEqualTo(200);

            Awaitility.await().atMost(FOLD_IN).until(() -> total(b) == 1);
            JsonNode metrics = b.getData("/api/metrics");
            assertThat(metrics.path("failed_requests").asLong()).isEqualTo(1);
            assertThat(metrics.path("max_response_time_ms").asDouble()).isEqualTo(12.5);
            assertThat(b.getData("/api/server").path("instances")).hasSize(2);
        }
    }

    @Test
    void totalsAreExactOnBothProcessesAfterEightConcurrentWritersOnEach() throws Exception {
        int perWriter = 150;
        try (var a = instance(); var b = instance()) {
            ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS);
            var start = new CountDownLatch(1);
            try {
                var writers = new ArrayList<CompletableFuture<Void>>();
                for (var target : List.of(a, b)) {
                    for (int w = 0; w < WRITERS; w++) {
                        int writer = w;
                        writers.add(CompletableFuture.runAsync(() -> {
                            await(start);
                            for (int i = 0; i < perWriter; i++) {
                                answeredOk(target, task("w" + writer, 1 + i, i % 10 != 0));
                            }
                        }, pool));
                    }
                }
                start.countDown();
                CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }

            long expected = 2L * WRITERS * perWriter;
            Awaitility.await().atMost(FOLD_IN).until(() -> total(a) == expected && total(b) == expected);
            assertThat(a.getData("/api/metrics").path("failed_requests").asLong()).isEqualTo(expected / 10);
            assertThat(b.getData("/api/metrics").path("failed_requests").asLong()).isEqualTo(expected / 10);
        }
    }

    @Test
    void aResetOnOneProcessClearsTheOther() throws Exception {
        try (var a = instance(); var b = instance()) {
            for (int i = 0; i < 5; i++) {
                answeredOk(a, task("before", 5, true));
            }
            Awaitility.await().atMost(FOLD_IN).until(() -> total(b) == 5);

            assertThat(b.post("/api/reset", "{}").statusCode()).isEqualTo(200);

            Awaitility.await().atMost(FOLD_IN).until(() -> total(a) == 0);
            assertThat(a.getData("/api/history?limit=10")).isEmpty();
        }
    }

    @Test
    void killNineOfOneProcessLosesNothingItAcknowledged() throws Exception {
        int tasks = 120;
        try (var b = instance()) {
            try (var a = instance()) {
                for (int i = 0; i < tasks; i++) {
                    answeredOk(a, task("t" + (i % 4), 3, i % 6 != 0));
                }
                a.killNine(); // right after the last acknowledgment: nothing gets time to flush by luck
            }
            Awaitility.await().atMost(FOLD_IN).until(() -> total(b) == tasks);
            try (var restarted = instance()) {
                assertThat(total(restarted)).as(restarted.stderr()).isEqualTo(tasks);
                assertThat(restarted.getData("/api/metrics").path("failed_requests").asLong()).isEqualTo(tasks / 6);
            }
        }
    }

    @Test
    void theDatabaseStoppedAndStartedWhileTasksArriveLosesNothingAndReadinessFollows() throws Exception {
        try (var a = instance(); var b = instance()) {
            var answered = new AtomicLong();
            var sending = new AtomicBoolean(true);
            var sender = CompletableFuture.runAsync(() -> {
                for (int i = 0; sending.get(); i++) {
                    answeredOk(a, task("steady", 2, i % 3 != 0));
                    answered.incrementAndGet();
                }
            });
            Awaitility.await().atMost(WAIT).until(() -> answered.get() >= 20);

            cluster.stopServer();
            Awaitility.await().atMost(WAIT).until(() -> a.get("/health/ready").statusCode() == 503);
            assertThat(JSON.readTree(a.get("/health/ready").body()).path("reason").asText())
                    .contains("tasks are recorded in memory").doesNotContain(PostgresCluster.PASSWORD);
            long duringOutage = answered.get();
            Awaitility.await().atMost(WAIT).until(() -> answered.get() >= duringOutage + 20);

            cluster.startServer();
            Awaitility.await().atMost(WAIT).until(() -> a.get("/health/ready").statusCode() == 200
                    && b.get("/health/ready").statusCode() == 200);
            sending.set(false);
            sender.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            long sent = answered.get();
            Awaitility.await().atMost(WAIT).until(() -> total(a) == sent && total(b) == sent);
        }
    }

    private AgentMeterChild instance() throws Exception {
        return AgentMeterChild.startListening(List.of("--data", url, "--rate-limit", "off"),
                Map.of(PostgresLocation.PASSWORD_VARIABLE, PostgresCluster.PASSWORD));
    }

    private static String task(String name, double durationMs, boolean success) {
        return "{\"name\":\"" + name + "\",\"duration_ms\":" + durationMs + ",\"success\":" + success + "}";
    }

    private static void answeredOk(AgentMeterChild target, String task) {
        try {
            var answer = target.post("/api/tasks", task);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long total(AgentMeterChild target) throws Exception {
        return target.getData("/api/metrics").path("total_requests").asLong();
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
