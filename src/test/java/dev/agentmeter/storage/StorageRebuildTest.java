package dev.agentmeter.storage;

import static dev.agentmeter.storage.StorageFixture.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.ModelStats;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.metrics.TokenUsage;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.testing.MutableClock;

class StorageRebuildTest {

    @TempDir
    Path folder;

    @Test
    void acknowledgedTasksAreRebuiltIntoCountsHistoryErrorsAndPerTaskFigures() {
        List<TaskRecord> recorded = List.of(task("plan", 1_500, true, 1), task("search", 250_000, false, 2),
                task("plan", 3_000, true, 3));
        try (var first = StorageFixture.open(folder)) {
            recorded.forEach(task -> first.recorder.record(task).join());
        }
        try (var restarted = StorageFixture.open(folder)) {
            var snapshot = restarted.metrics.snapshot();
            assertThat(snapshot.successfulRequests()).isEqualTo(2);
            assertThat(snapshot.failedRequests()).isEqualTo(1);
            assertThat(restarted.metrics.history(10)).containsExactly(recorded.get(2), recorded.get(1), recorded.get(0));
            assertThat(restarted.metrics.errors(10)).containsExactly(recorded.get(1));
            assertThat(restarted.metrics.taskStats("plan")).hasValueSatisfying(stats ->
                    assertThat(stats.count()).isEqualTo(2));
            assertThat(restarted.storage.rebuiltTasks()).isEqualTo(3);
        }
    }

    @Test
    void modelCallsAreRebuiltWithExactTokensCostsAndTracesAndUnknownPartsStayUnknown() {
        var first = new ModelCall("claude-sonnet-4-5", "anthropic", 1_200L, 300L, 1_000L, 100L, 4_500_123L);
        var partial = new ModelCall("gpt-5", null, null, 40L, null, null, null);
        var costOnly = new ModelCall(null, null, null, null, null, null, 7L);
        List<TaskRecord> recorded = List.of(
                new TaskRecord("chat", 1_500, true, null, StorageFixture.START, "planner", first,
                        "4bf92f3577b34da6a3ce929d0e0e4736"),
                new TaskRecord("chat", 2_500, false, "overloaded", StorageFixture.START.plusSeconds(1), null, partial,
                        null),
                new TaskRecord("chat", 100, true, null, StorageFixture.START.plusSeconds(2), null, costOnly, null),
                task("tool", 10, true, 3));
        try (var before = StorageFixture.open(folder)) {
            recorded.forEach(task -> before.recorder.record(task).join());
        }
        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.history(10)).containsExactly(recorded.get(3), recorded.get(2),
                    recorded.get(1), recorded.get(0));
            assertThat(restarted.metrics.snapshot().usage())
                    .isEqualTo(new TokenUsage(1_200, 340, 1_000, 100, 4_500_130L));
            assertThat(restarted.metrics.modelStats()).extracting(ModelStats::model, ModelStats::requests,
                            stats -> stats.usage().costNanoUsd())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("claude-sonnet-4-5", 1L, 4_500_123L),
                            org.assertj.core.groups.Tuple.tuple("gpt-5", 1L, null));
        }
    }

    @Test
    void recentTasksAreRebuiltIntoTheTimeSeriesAndTheLastMinute() {
        try (var first = StorageFixture.open(folder)) {
            first.recorder.record(task("plan", 10, true, 10)).join();
            first.recorder.record(task("plan", 10, false, 10)).join();
            first.recorder.record(task("plan", 10, true, 30)).join();
        }
        var clock = new MutableClock(StorageFixture.START.plusSeconds(40));
        try (var restarted = new StorageFixture(StorageSettings.of(folder, null), clock)) {
            long second = StorageFixture.START.getEpochSecond() + 10;
            assertThat(restarted.metrics.timeSeries().points()).filteredOn(point -> point.epochSecond() == second)
                    .singleElement().satisfies(point -> {
                        assertThat(point.successes()).isEqualTo(1);
                        assertThat(point.failures()).isEqualTo(1);
                    });
            assertThat(restarted.metrics.snapshot().requestsLastMinute()).isEqualTo(3);
        }
    }

    @Test
    void rebuildReplaysTasksInTimeOrderWhateverOrderTheyWereWritten() {
        try (var first = StorageFixture.open(folder)) {
            first.recorder.record(task("late", 10, true, 50)).join();
            first.recorder.record(task("early", 10, true, 5)).join();
        }
        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.history(2)).extracting(TaskRecord::name).containsExactly("late", "early");
        }
    }

    @Test
    void everyTaskAcknowledgedByEightConcurrentRecordersIsStored() throws Exception {
        int threads = 8;
        int perThread = 500;
        try (var first = StorageFixture.open(folder)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            var start = new CountDownLatch(1);
            try {
                var done = new ArrayList<CompletableFuture<?>>();
                for (int t = 0; t < threads; t++) {
                    String name = "worker-" + t;
                    done.add(CompletableFuture.runAsync(() -> {
                        awaitQuietly(start);
                        for (int i = 0; i < perThread; i++) {
                            first.recorder.record(task(name, i, i % 10 != 0, i)).join();
                        }
                    }, pool));
                }
                start.countDown();
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
        }
        try (var restarted = StorageFixture.open(folder)) {
            var snapshot = restarted.metrics.snapshot();
            assertThat(snapshot.successfulRequests() + snapshot.failedRequests()).isEqualTo(threads * perThread);
            assertThat(snapshot.failedRequests()).isEqualTo(threads * perThread / 10);
        }
    }

    @Test
    void aResetIsNotUndoneByARestart() {
        try (var first = StorageFixture.open(folder)) {
            first.recorder.record(task("plan", 10, true, 1)).join();
            first.recorder.record(task("plan", 10, false, 2)).join();
            assertThat(first.recorder.reset()).isEqualTo(2);
            first.recorder.record(task("after", 10, true, 3)).join();
        }
        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.history(10)).extracting(TaskRecord::name).containsExactly("after");
            assertThat(restarted.metrics.errors(10)).isEmpty();
        }
    }

    @Test
    void aResetAmidEightConcurrentRecordersLeavesStorageAgreeingWithMemory() throws Exception {
        int threads = 8;
        int perThread = 300;
        long inMemory;
        try (var first = StorageFixture.open(folder)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            var start = new CountDownLatch(1);
            try {
                var done = new ArrayList<CompletableFuture<?>>();
                for (int t = 0; t < threads; t++) {
                    done.add(CompletableFuture.runAsync(() -> {
                        awaitQuietly(start);
                        for (int i = 0; i < perThread; i++) {
                            first.recorder.record(task("busy", i, true, i));
                        }
                    }, pool));
                }
                start.countDown();
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> first.metrics.history(1).size() == 1); // some tasks are in, more are coming
                first.recorder.reset();
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            inMemory = first.metrics.snapshot().totalRequests();
        }
        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.snapshot().totalRequests()).isEqualTo(inMemory);
        }
    }

    @Test
    void aRowThatIsNotAValidTaskIsSkippedAndTheRestRebuilt() throws Exception {
        try (var first = StorageFixture.open(folder)) {
            first.recorder.record(task("plan", 10, true, 1)).join();
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DataDirectory.DATABASE_FILE));
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO tasks (ts_millis, name, duration_micros, success) VALUES (0, 'bad', -5, 1)");
        }

        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.history(10)).extracting(TaskRecord::name).containsExactly("plan");
            assertThat(restarted.recorder.readiness().ready()).isTrue();
        }
    }

    @Test
    void rowsNoApiWouldAcceptAreSkippedCountedByFieldAndTheRestRebuilt() throws Exception {
        try (var first = StorageFixture.open(folder)) {
            first.recorder.record(task("plan", 10, true, 1)).join();
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DataDirectory.DATABASE_FILE));
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO tasks (ts_millis, name, duration_micros, success) VALUES (0, '"
                    + "n".repeat(5_000) + "', 10, 1)");
            statement.execute("INSERT INTO tasks (ts_millis, name, duration_micros, success) VALUES (0, 'five', 10, 5)");
            statement.execute("INSERT INTO tasks (ts_millis, name, duration_micros, success) VALUES (0, 'forever', "
                    + "9200000000000000000, 1)");
            statement.execute("INSERT INTO tasks (ts_millis, name, duration_micros, success) VALUES (0, char(8203, 160),"
                    + " 10, 1)");
            statement.execute("INSERT INTO tasks (ts_millis, name, duration_micros, success) VALUES (0, '(other)', 10, 0)");
            statement.execute("INSERT INTO tasks (ts_millis, name, duration_micros, success) VALUES (0, 'cafe' || "
                    + "char(769), 10, 1)");
        }

        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.snapshot().totalRequests()).isEqualTo(2);
            assertThat(restarted.metrics.taskNames()).containsExactlyInAnyOrder("plan", "caf\u00e9");
            assertThat(restarted.storage.rebuiltTasks()).isEqualTo(2);
            assertThat(restarted.recorder.readiness().ready()).isTrue();
        }
        try (var database = TaskDatabase.open(folder.resolve(DataDirectory.DATABASE_FILE), Durability.POWER_LOSS)) {
            var replayed = database.replay(task -> { });
            assertThat(replayed.skipped()).isEqualTo(5);
            assertThat(replayed.skippedByField()).containsExactly(Map.entry("duration_ms", 1L), Map.entry("name", 3L),
                    Map.entry("success", 1L));
        }
    }

    @Test
    void aDatabaseDamagedInTheMiddleLoadsNothingAndSaysItIsDamaged() throws Exception {
        try (var first = StorageFixture.open(folder)) {
            first.recorder.record(task("plan", 10, true, 1)).join();
        }
        Path file = folder.resolve(DataDirectory.DATABASE_FILE);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             var insert = connection.prepareStatement("INSERT INTO tasks (ts_millis, name, duration_micros, success) "
                     + "VALUES (?, ?, ?, 1)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < 20_000; i++) {
                insert.setLong(1, i);
                insert.setString(2, "task-" + i + "-" + "x".repeat(100));
                insert.setLong(3, i);
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
        damageTheMiddle(file);

        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.snapshot().totalRequests()).as("no half-loaded figures").isZero();
            assertThat(restarted.metrics.history(10)).isEmpty();
            assertThat(restarted.recorder.readiness().ready()).isFalse();
            assertThat(restarted.recorder.readiness().reason()).contains("is damaged", "none of it was loaded",
                    "move the file aside");
        }
    }

    /** Overwrites four pages in the middle of the file with bytes no page starts with. */
    private static void damageTheMiddle(Path file) throws Exception {
        assertThat(Files.exists(Path.of(file + "-wal")) ? Files.size(Path.of(file + "-wal")) : 0L)
                .as("everything is in the main file").isZero();
        int pageSize = 4096;
        long pages = Files.size(file) / pageSize;
        assertThat(pages).isGreaterThan(100);
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] garbage = new byte[4 * pageSize];
            Arrays.fill(garbage, (byte) 0xFF);
            channel.write(ByteBuffer.wrap(garbage), pages / 2 * pageSize);
        }
    }

    @Test
    void storageThatStartedIsReady() {
        try (var storage = StorageFixture.open(folder)) {
            assertThat(storage.recorder.readiness()).isEqualTo(Readiness.READY);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
