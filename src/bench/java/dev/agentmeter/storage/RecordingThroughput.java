package dev.agentmeter.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskJournal;
import dev.agentmeter.operations.TaskRecorder;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.storage.postgres.FleetDelay;
import dev.agentmeter.storage.postgres.PostgresCluster;
import dev.agentmeter.storage.postgres.PostgresSettings;
import dev.agentmeter.storage.postgres.PostgresStore;

/**
 * A load harness, run by hand (not a test: it measures, it asserts nothing). In one run it measures recording
 * throughput with storage on (both durabilities) and with {@code --data none}, and the rebuild time of a
 * million stored tasks. With {@code fleet} as second argument it compares instead {@code --data none}, SQLite
 * and PostgreSQL (a cluster of its own, {@code fsync} on, as SQLite's default syncs), and measures how long a
 * task committed on one instance takes to appear on another ({@link FleetDelay}). Prints to stderr.
 *
 * <pre>
 * ./mvnw -q -o -Pbench -DskipTests package
 * java -cp target/benchmarks.jar dev.agentmeter.storage.RecordingThroughput
 * java -cp target/benchmarks.jar dev.agentmeter.storage.RecordingThroughput 10000 fleet
 * </pre>
 */
public final class RecordingThroughput {

    private static final int THREADS = 8;
    private static final int REBUILD_ROWS = 1_000_000;

    private RecordingThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path root = Files.createTempDirectory("agentmeter-throughput");
        report("warm-up (memory only, discarded)", recorderRun(null, perThread, true));
        if (args.length > 1 && args[1].equals("fleet")) {
            compareWithPostgres(root, perThread);
            return;
        }
        for (boolean waitEach : List.of(true, false)) {
            String mode = waitEach ? "each thread waits for every acknowledgment"
                    : "each thread waits for its acknowledgments at the end";
            report("recorder, --data none, " + mode, recorderRun(null, perThread, waitEach));
            for (Durability durability : Durability.values()) {
                Path folder = Files.createTempDirectory(root, "recorder");
                report("recorder, SQLite " + durability + ", " + mode, recorderRun(
                        StorageSettings.of(folder, null).withDurability(durability), perThread, waitEach));
            }
        }
        int simulations = Math.max(1, perThread / 10);
        report("simulate_agent_task (duration 0), --data none", simulateRun(null, simulations));
        for (Durability durability : Durability.values()) {
            Path folder = Files.createTempDirectory(root, "simulate");
            report("simulate_agent_task (duration 0), SQLite " + durability,
                    simulateRun(StorageSettings.of(folder, null).withDurability(durability), simulations));
        }
        measureRebuild(Files.createTempDirectory(root, "rebuild"));
    }

    private record Result(long tasks, long nanos) {
        double perSecond() {
            return tasks * 1e9 / nanos;
        }
    }

    private static void report(String label, Result result) {
        System.err.printf("%-95s %,10d tasks in %,7d ms = %,10.0f tasks/s%n", label, result.tasks(),
                TimeUnit.NANOSECONDS.toMillis(result.nanos()), result.perSecond());
    }

    /** {@code --data none}, SQLite (default durability) and PostgreSQL, 8 threads each; then the fold-in delay. */
    private static void compareWithPostgres(Path root, int perThread) throws Exception {
        try (var cluster = PostgresCluster.start(true)) {
            for (boolean waitEach : List.of(true, false)) {
                String mode = waitEach ? "each thread waits for every acknowledgment"
                        : "each thread waits for its acknowledgments at the end";
                report("recorder, --data none, " + mode, recorderRun(null, perThread, waitEach));
                Path folder = Files.createTempDirectory(root, "recorder");
                report("recorder, SQLite " + StorageSettings.DEFAULT_DURABILITY + ", " + mode,
                        recorderRun(StorageSettings.of(folder, null), perThread, waitEach));
                var database = PostgresSettings.of(cluster.newDatabase(), null);
                report("recorder, PostgreSQL, " + mode, timedRecording(metrics -> {
                    var store = PostgresStore.start(database, metrics, Clock.systemUTC());
                    return new Opened(store.journal(), store);
                }, perThread, waitEach));
            }
            FleetDelay.measure(PostgresSettings.of(cluster.newDatabase(), null), THREADS);
        }
    }

    /** A journal to record through, and what to close after. */
    private record Opened(TaskJournal journal, AutoCloseable closing) {
    }

    @FunctionalInterface
    private interface Opener {
        Opened open(PerformanceMetrics metrics) throws Exception;
    }

    /** {@code THREADS} threads each record {@code perThread} tasks through a recorder; storage null: memory only. */
    private static Result recorderRun(StorageSettings storage, int perThread, boolean waitEach) throws Exception {
        return timedRecording(metrics -> {
            Storage opened = storage == null ? null : Storage.start(storage, metrics, Clock.systemUTC());
            return new Opened(opened == null ? TaskJournal.memoryOnly() : opened.journal(), opened);
        }, perThread, waitEach);
    }

    private static Result timedRecording(Opener opener, int perThread, boolean waitEach) throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        Opened opened = opener.open(metrics);
        var recorder = new TaskRecorder(metrics, opened.journal());
        try {
            return timed(thread -> {
                var pending = new ArrayList<CompletableFuture<TaskRecord>>();
                for (int i = 0; i < perThread; i++) {
                    var acknowledged = recorder.record(new TaskRecord("task-" + thread, 1_000 + i, i % 10 != 0,
                            null, Instant.now()));
                    if (waitEach) {
                        acknowledged.join();
                    } else {
                        pending.add(acknowledged);
                    }
                }
                pending.forEach(CompletableFuture::join);
            }, (long) THREADS * perThread);
        } finally {
            if (opened.closing() != null) {
                opened.closing().close();
            }
        }
    }

    /** {@code THREADS} threads each run {@code perThread} zero-second simulations, one after the other. */
    private static Result simulateRun(StorageSettings storage, int perThread) throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        Storage opened = storage == null ? null : Storage.start(storage, metrics, Clock.systemUTC());
        var recorder = new TaskRecorder(metrics, opened == null ? TaskJournal.memoryOnly() : opened.journal());
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
        var operations = new PerformanceOperations(recorder, new TaskSimulator(recorder, timer, System::nanoTime, 1_000));
        try {
            return timed(thread -> {
                for (int i = 0; i < perThread; i++) {
                    operations.simulateAgentTask(Arguments.of(Map.of("name", "sim-" + thread, "duration", 0))).join();
                }
            }, (long) THREADS * perThread);
        } finally {
            timer.shutdownNow();
            if (opened != null) {
                opened.close();
            }
        }
    }

    private static void measureRebuild(Path folder) throws Exception {
        var writing = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        try (var storage = Storage.start(StorageSettings.of(folder, null).withDurability(Durability.PROCESS_CRASH),
                writing, Clock.systemUTC())) {
            var journal = storage.journal();
            Instant start = Instant.now().minus(Duration.ofDays(1));
            CompletableFuture<Void> last = null;
            for (int i = 0; i < REBUILD_ROWS; i++) {
                var task = new TaskRecord("task-" + (i % 50), 500 + (i % 5_000), i % 20 != 0, null,
                        start.plusMillis(i * 50L), i % 3 == 0 ? "agent-" + (i % 4) : null);
                var room = journal.reserve(1);
                while (room.isEmpty()) { // queue full: let the writer catch up
                    Thread.onSpinWait();
                    room = journal.reserve(1);
                }
                try (var reservation = room.get()) {
                    last = reservation.append(task);
                }
            }
            last.join();
        }
        System.gc();
        long heapBefore = usedHeap();
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        long began = System.nanoTime();
        try (var storage = Storage.start(StorageSettings.of(folder, null), metrics, Clock.systemUTC())) {
            long nanos = System.nanoTime() - began;
            System.gc();
            System.err.printf("rebuild of %,d stored tasks: %,d ms (%,.0f rows/s); heap after minus before: %,d KB; "
                            + "database %,d KB%n", storage.rebuiltTasks(), TimeUnit.NANOSECONDS.toMillis(nanos),
                    storage.rebuiltTasks() * 1e9 / nanos, (usedHeap() - heapBefore) / 1024,
                    Files.size(folder.resolve(DataDirectory.DATABASE_FILE)) / 1024);
        }
    }

    private static long usedHeap() {
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @FunctionalInterface
    private interface Work {
        void run(int thread) throws Exception;
    }

    private static Result timed(Work work, long tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        var start = new CountDownLatch(1);
        try {
            var done = new ArrayList<CompletableFuture<Void>>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                        work.run(thread);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            long began = System.nanoTime();
            start.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            return new Result(tasks, System.nanoTime() - began);
        } finally {
            pool.shutdownNow();
        }
    }
}
