package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.metrics.TaskRecord;

class TaskReporterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void tasksArriveInTheWireFormat() throws Exception {
        try (var central = CentralReceiver.answering()) {
            var reporter = reporter(central.url(), null, 100);
            reporter.offer(new TaskRecord("search", 12_345, true, null, Instant.now(), "claude"));
            reporter.offer(new TaskRecord("write", 500, false, "disk full", Instant.now(), null));

            await().atMost(WAIT).until(() -> central.items().size() == 2);
            reporter.close();

            assertThat(central.formatProblems()).isEmpty();
            var items = central.items();
            assertThat(items.get(0).toString())
                    .isEqualTo("{\"name\":\"search\",\"duration_ms\":12.345,\"success\":true,\"error\":null,"
                            + "\"agent\":\"claude\"}");
            assertThat(items.get(1).toString())
                    .isEqualTo("{\"name\":\"write\",\"duration_ms\":0.5,\"success\":false,\"error\":\"disk full\","
                            + "\"agent\":null}");
        }
    }

    @Test
    void aTokenIsSentAsABearerAuthorization() throws Exception {
        try (var central = CentralReceiver.answering()) {
            var reporter = reporter(central.url(), "s3cret", 100);
            reporter.offer(task("a"));

            await().atMost(WAIT).until(() -> central.received().size() == 1);
            reporter.close();

            assertThat(central.received().get(0).authorization()).isEqualTo("Bearer s3cret");
        }
    }

    @Test
    void aBatchRefusedWith400IsDroppedNotRetried() throws Exception {
        try (var central = CentralReceiver.answering(400)) {
            var reporter = reporter(central.url(), null, 100);
            reporter.offer(task("refused"));
            await().atMost(WAIT).until(() -> central.received().size() == 1);

            reporter.offer(task("next"));
            await().atMost(WAIT).until(() -> central.received().size() == 2);
            reporter.close();

            assertThat(central.items()).extracting(item -> item.path("name").asText())
                    .containsExactly("refused", "next");
        }
    }

    @Test
    void aBatchAnsweredWith503Or429IsRetriedUntilItIsTaken() throws Exception {
        try (var central = CentralReceiver.answering(503, 429)) {
            var reporter = reporter(central.url(), null, 100);
            reporter.offer(task("kept"));

            await().atMost(WAIT).until(() -> central.received().size() == 3);
            reporter.close();

            assertThat(central.items()).extracting(item -> item.path("name").asText())
                    .containsExactly("kept", "kept", "kept");
        }
    }

    @Test
    void aCentralServerThatIsDownIsRetriedUntilItComesUp() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var reporter = reporter(URI.create("http://127.0.0.1:" + port), null, 100);
        reporter.offer(task("waited"));
        // Taken from the queue: the reporter is trying, and failing, to send it.
        await().atMost(WAIT).until(() -> reporter.queued() == 0);

        try (var central = CentralReceiver.answeringOn(port)) {
            await().atMost(WAIT).until(() -> central.items().size() == 1);
            reporter.close();

            assertThat(central.items().get(0).path("name").asText()).isEqualTo("waited");
            assertThat(reporter.dropped()).isZero();
        }
    }

    @Test
    void aFullQueueDropsTheOldestTasksAndCountsThem() throws Exception {
        try (var central = CentralReceiver.holding()) {
            var reporter = reporter(central.url(), null, 3);
            reporter.offer(task("in-flight"));
            await().atMost(WAIT).until(() -> central.received().size() == 1);

            for (int i = 1; i <= 5; i++) {
                reporter.offer(task("t" + i));
            }

            assertThat(reporter.dropped()).isEqualTo(2);
            assertThat(reporter.queued()).isEqualTo(3);
            central.close();
            reporter.close(Duration.ofMillis(500));
        }
    }

    @Test
    void closingSendsWhatIsQueued() throws Exception {
        try (var central = CentralReceiver.answering()) {
            var reporter = reporter(central.url(), null, 100);
            for (int i = 0; i < 50; i++) {
                reporter.offer(task("t" + i));
            }
            reporter.close(Duration.ofSeconds(5));

            assertThat(central.items()).hasSize(50);
        }
    }

    @Test
    void closingGivesUpWithinItsBoundWhenTheCentralServerHangs() throws Exception {
        try (var central = CentralReceiver.holding()) {
            var reporter = reporter(central.url(), null, 100);
            reporter.offer(task("stuck"));
            await().atMost(WAIT).until(() -> central.received().size() == 1);

            long start = System.nanoTime();
            reporter.close(Duration.ofMillis(300));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void theTasksPathIsAddedToTheBaseUrl() {
        assertThat(TaskReporter.tasksUri(URI.create("http://h:8080"))).hasToString("http://h:8080/api/tasks");
        assertThat(TaskReporter.tasksUri(URI.create("http://h:8080/"))).hasToString("http://h:8080/api/tasks");
        assertThat(TaskReporter.tasksUri(URI.create("http://h/meter"))).hasToString("http://h/meter/api/tasks");
    }

    private static TaskReporter reporter(URI url, String token, int capacity) {
        return new TaskReporter(url, token, new ObjectMapper(), new TaskReporter.Options(capacity,
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30))).start();
    }

    private static TaskRecord task(String name) {
        return new TaskRecord(name, 1_000, true, null, Instant.now(), null);
    }
}
