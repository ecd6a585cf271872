package dev.agentmeter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.testing.AgentMeterChild;

/** The durability promise, tested as it is made: every acknowledged task survives kill -9 of the real process. */
class KillNineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 150;
    private static final int OVERLOAD_BATCH = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedTaskSurvivesKillNineAndARestart() throws Exception {
        var answered = new ArrayList<JsonNode>();
        try (var first = AgentMeterChild.startListening(dataDir)) {
            for (int i = 0; i < TASKS; i++) {
                var answer = first.post("/api/tasks/simulate", "{\"name\":\"task-" + (i % 7) + "\",\"duration\":0,"
                        + "\"should_fail\":" + (i % 5 == 0) + "}");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                answered.add(JSON.readTree(answer.body()).path("data"));
            }
            first.killNine(); // right after the last acknowledgment: nothing gets time to flush by luck
        }

        try (var restarted = AgentMeterChild.startListening(dataDir)) {
            JsonNode metrics = restarted.getData("/api/metrics");
            assertThat(metrics.path("total_requests").asLong()).as(restarted.stderr()).isEqualTo(TASKS);
            assertThat(metrics.path("failed_requests").asLong()).isEqualTo(TASKS / 5);
            assertThat(restarted.getData("/api/history?limit=100")).containsExactlyElementsOf(historyOf(answered, 100));
            assertThat(restarted.getData("/api/tasks")).extracting(stats -> stats.path("count").asLong())
                    .containsExactlyInAnyOrder(22L, 22L, 22L, 21L, 21L, 21L, 21L);
        }
    }

    @Test
    void everyAcknowledgedReportedBatchSurvivesKillNineWithItsAgents() throws Exception {
        int batches = 20;
        try (var first = AgentMeterChild.startListening(dataDir)) {
            for (int b = 0; b < batches; b++) {
                var batch = new StringBuilder("[");
                for (int i = 0; i < 10; i++) {
                    batch.append(i == 0 ? "" : ",").append("{\"name\":\"report-").append(i % 3)
                            .append("\",\"duration_ms\":").append(5 + i).append(",\"success\":").append(i != 9)
                            .append(",\"agent\":\"bot-").append(b % 2).append("\"}");
                }
                var answer = first.post("/api/tasks", batch.append("]").toString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            first.killNine();
        }

        try (var restarted = AgentMeterChild.startListening(dataDir)) {
            JsonNode metrics = restarted.getData("/api/metrics");
            assertThat(metrics.path("total_requests").asLong()).as(restarted.stderr()).isEqualTo(batches * 10L);
            assertThat(metrics.path("failed_requests").asLong()).isEqualTo(batches);
            assertThat(restarted.getData("/api/agents")).extracting(agent -> agent.path("count").asLong())
                    .containsExactly(100L, 100L);
        }
    }

    @Test
    void everyAcknowledgedModelCallSurvivesKillNineWithExactTokensAndCost() throws Exception {
        int batches = 20;
        try (var first = AgentMeterChild.startListening(dataDir)) {
            for (int b = 0; b < batches; b++) {
                var batch = new StringBuilder("[");
                for (int i = 0; i < 10; i++) {
                    batch.append(i == 0 ? "" : ",").append("{\"name\":\"chat\",\"duration_ms\":").append(5 + i)
                            .append(",\"success\":").append(i != 9).append(",\"model\":\"model-").append(i % 2)
                            .append("\",\"provider\":\"anthropic\",\"input_tokens\":").append(1_000 + i)
                            .append(",\"output_tokens\":7,\"cache_read_tokens\":100,\"cost_usd\":0.000000123")
                            .append(",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e47").append(10 + i).append("\"}");
                }
                var answer = first.post("/api/tasks", batch.append("]").toString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            first.killNine();
        }

        long tasks = batches * 10L;
        try (var restarted = AgentMeterChild.startListening(dataDir)) {
            JsonNode metrics = restarted.getData("/api/metrics");
            assertThat(metrics.path("total_requests").asLong()).as(restarted.stderr()).isEqualTo(tasks);
            assertThat(metrics.path("total_input_tokens").asLong()).isEqualTo(batches * (10_000L + 45));
            assertThat(metrics.path("total_output_tokens").asLong()).isEqualTo(7 * tasks);
            assertThat(metrics.path("total_cache_read_tokens").asLong()).isEqualTo(100 * tasks);
            assertThat(metrics.path("total_cost_usd").decimalValue())
                    .isEqualByComparingTo(new java.math.BigDecimal("0.0000246")); // 200 x 123 nano-dollars
            assertThat(restarted.getData("/api/models")).extracting(model -> model.path("model").asText(),
                            model -> model.path("requests").asLong(), model -> model.path("failed_requests").asLong())
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("model-0", 100L, 0L),
                            org.assertj.core.groups.Tuple.tuple("model-1", 100L, 20L));
            JsonNode newest = restarted.getData("/api/history?limit=1").get(0);
            assertThat(newest.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4719");
            assertThat(newest.path("provider").asText()).isEqualTo("anthropic");
        }
    }

    /**
     * Storage falling behind under many clients posting full batches: each batch is either acknowledged (200)
     * and stored, or refused whole (503 with Retry-After) and recorded nowhere, so after kill -9 the store holds
     * exactly what was acknowledged. The writer is made to fall behind for certain: another connection holds
     * the database's write lock until the first refusal (well within SQLite's busy timeout, so no write fails).
     */
    @Test
    void underOverloadExactlyTheAcknowledgedTasksSurviveKillNine() throws Exception {
        int clients = 16;
        int batchesPerClient = 10;
        var acknowledged = new AtomicLong();
        var refused = new AtomicLong();
        var otherAnswers = new ConcurrentLinkedQueue<String>();
        var pool = Executors.newFixedThreadPool(clients);
        try (var first = AgentMeterChild.startListening(dataDir, "--storage-queue", "2500")) {
            var done = new ArrayList<Future<?>>();
            try (var lock = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(DataDirectory.DATABASE_FILE));
                 var statement = lock.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                for (int c = 0; c < clients; c++) {
                    String batch = batchOf(OVERLOAD_BATCH, "client-" + c);
                    done.add(pool.submit(() -> {
                        for (int b = 0; b < batchesPerClient; b++) {
                            var answer = first.post("/api/tasks", batch);
                            if (answer.statusCode() == 200) {
                                acknowledged.addAndGet(OVERLOAD_BATCH);
                            } else if (answer.statusCode() == 503
                                    && answer.headers().firstValue("Retry-After").isPresent()) {
                                refused.incrementAndGet();
                            } else {
                                otherAnswers.add(answer.statusCode() + " " + answer.body());
                            }
                        }
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(4)).until(() -> refused.get() > 0);
                statement.execute("ROLLBACK");
            }
            for (var client : done) {
                client.get(AgentMeterChild.WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            }
            first.killNine(); // right after the last answer: nothing gets time to flush by luck
        } finally {
            pool.shutdownNow();
        }

        assertThat(otherAnswers).isEmpty();
        assertThat(acknowledged.get()).as("some batches were acknowledged").isPositive();
        try (var restarted = AgentMeterChild.startListening(dataDir)) {
            assertThat(restarted.getData("/api/metrics").path("total_requests").asLong()).as(restarted.stderr())
                    .isEqualTo(acknowledged.get());
        }
    }

    private static String batchOf(int tasks, String agent) {
        var batch = new StringBuilder("[");
        for (int i = 0; i < tasks; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"name\":\"load-").append(i % 10).append("\",\"duration_ms\":")
                    .append(1 + i % 50).append(",\"success\":true,\"agent\":\"").append(agent).append("\"}");
        }
        return batch.append("]").toString();
    }

    /** The history entries the answers describe, newest first. */
    private static List<JsonNode> historyOf(List<JsonNode> answers, int limit) {
        var entries = new ArrayList<JsonNode>();
        for (int i = answers.size() - 1; i >= 0 && entries.size() < limit; i--) {
            JsonNode answer = answers.get(i);
            var entry = JSON.createObjectNode();
            entry.set("timestamp", answer.path("timestamp"));
            entry.set("endpoint", answer.path("name"));
            entry.set("response_time_ms", answer.path("response_time_ms"));
            entry.set("success", answer.path("success"));
            entry.set("error", answer.path("error"));
            for (String unknown : List.of("agent", "model", "provider", "input_tokens", "output_tokens", "cost_usd",
                    "trace_id")) {
                entry.putNull(unknown);
            }
            entries.add(entry);
        }
        return entries;
    }
}
