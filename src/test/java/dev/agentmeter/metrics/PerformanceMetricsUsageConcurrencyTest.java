package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.OnThreads;

/**
 * Real threads, exact sums: tokens and cost recorded by many threads at once are neither lost nor counted
 * twice, and every snapshot taken meanwhile holds the tokens of exactly the tasks it counts.
 */
class PerformanceMetricsUsageConcurrencyTest {

    private static final int WRITERS = 8;
    private static final int TASKS_PER_WRITER = 10_000;
    private static final int MODELS = 5;
    // Each model call: 3 input tokens (1 of them read from cache), 7 output tokens, 11 nano-dollars.
    private static final ModelCall[] CALLS = new ModelCall[MODELS];

    static {
        for (int m = 0; m < MODELS; m++) {
            CALLS[m] = new ModelCall("model-" + m, "provider", 3L, 7L, 1L, 0L, 11L);
        }
    }

    @Test
    void tokensAndCostStayExactUnderEightConcurrentWritersWhileSnapshotsAreRead() throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        var violations = new ConcurrentLinkedQueue<String>();
        var writersDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        var start = new CountDownLatch(1);
        try {
            var writers = new ArrayList<Future<?>>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < TASKS_PER_WRITER; i++) {
                        boolean success = i % 4 != 0;
                        metrics.record(new TaskRecord("chat", 1_000 + i, success, null, metrics.now(),
                                "agent-" + writer % 3, CALLS[(writer + i) % MODELS], null));
                    }
                    return null;
                }));
            }
            var readers = List.of(
                    pool.submit(() -> readSnapshots(metrics, start, writersDone, violations)),
                    pool.submit(() -> readModelTables(metrics, start, writersDone, violations)));
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writersDone.set(true);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        long tasks = (long) WRITERS * TASKS_PER_WRITER;
        assertThat(violations).isEmpty();
        MetricsSnapshot last = metrics.snapshot();
        assertThat(last.totalRequests()).isEqualTo(tasks);
        assertThat(last.usage()).isEqualTo(new TokenUsage(3 * tasks, 7 * tasks, tasks, 0, 11 * tasks));
        List<ModelStats> models = metrics.modelStats();
        assertThat(models).hasSize(MODELS).allSatisfy(row -> {
            assertThat(row.requests()).isEqualTo(tasks / MODELS);
            assertThat(row.failedRequests()).isEqualTo(tasks / MODELS / 4);
            assertThat(row.usage().costNanoUsd()).isEqualTo(11 * tasks / MODELS);
        });
        List<TimeSeriesSnapshot.Point> points = metrics.timeSeries().points();
        assertThat(points.stream().mapToLong(TimeSeriesSnapshot.Point::inputTokens).sum()).isEqualTo(3 * tasks);
        assertThat(points.stream().mapToLong(TimeSeriesSnapshot.Point::outputTokens).sum()).isEqualTo(7 * tasks);
        assertThat(points.stream().mapToLong(TimeSeriesSnapshot.Point::costNanoUsd).sum()).isEqualTo(11 * tasks);
    }

    @Test
    void usageWithoutTasksStaysExactAlongsideTasksAndNeverCountsAsARequest() throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        ModelCall usage = new ModelCall("model-0", null, 100L, 1_000L, null, null, 1_000_000L);
        OnThreads.run(WRITERS, writer -> {
            boolean reportsUsage = writer % 2 == 0;
            for (int i = 0; i < TASKS_PER_WRITER; i++) {
                if (reportsUsage) {
                    metrics.recordUsage("agent", usage);
                } else {
                    metrics.record(new TaskRecord("chat", 1_000, true, null, metrics.now(), "agent", CALLS[0], null));
                }
                if (i % 1_000 == 0) {
                    metrics.modelStats(); // folds phases while writers record
                }
            }
        });

        long each = (long) WRITERS / 2 * TASKS_PER_WRITER;
        MetricsSnapshot last = metrics.snapshot();
        assertThat(last.totalRequests()).isEqualTo(each);
        assertThat(last.usage()).isEqualTo(new TokenUsage(3 * each + 100 * each, 7 * each + 1_000 * each, each, 0,
                11 * each + 1_000_000 * each));
        assertThat(metrics.modelStats()).singleElement().satisfies(row -> {
            assertThat(row.requests()).isEqualTo(each);
            assertThat(row.usage().inputTokens()).isEqualTo(103 * each);
        });
        assertThat(metrics.agentTimeSeries("agent").points().stream()
                .mapToLong(TimeSeriesSnapshot.Point::outputTokens).sum()).isEqualTo(1_007 * each);
    }

    @Test
    void resetDuringRecordingKeepsTokensInStepWithTheCountedTasks() throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        var violations = new ConcurrentLinkedQueue<String>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        var start = new CountDownLatch(1);
        try {
            var writers = new ArrayList<Future<?>>();
            for (int w = 0; w < 3; w++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        metrics.record(new TaskRecord("chat", 1_000, true, null, metrics.now(), null,
                                CALLS[i % MODELS], null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (int i = 0; i < 200; i++) {
                metrics.reset();
                checkSnapshot(metrics.snapshot(), violations);
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(violations).isEmpty();
        checkSnapshot(metrics.snapshot(), violations);
        long perModel = metrics.modelStats().stream().mapToLong(ModelStats::requests).sum();
        assertThat(perModel).isEqualTo(metrics.snapshot().totalRequests());
        assertThat(violations).isEmpty();
    }

    private static Void readSnapshots(PerformanceMetrics metrics, CountDownLatch start, AtomicBoolean done,
                                      ConcurrentLinkedQueue<String> violations) throws InterruptedException {
        start.await();
        while (!done.get()) {
            checkSnapshot(metrics.snapshot(), violations);
        }
        return null;
    }

    private static Void readModelTables(PerformanceMetrics metrics, CountDownLatch start, AtomicBoolean done,
                                        ConcurrentLinkedQueue<String> violations) throws InterruptedException {
        start.await();
        while (!done.get()) {
            for (ModelStats row : metrics.modelStats()) {
                TokenUsage usage = row.usage();
                if (usage.inputTokens() != 3 * row.requests() || usage.costNanoUsd() != 11 * row.requests()) {
                    violations.add("model row out of step with its calls: " + row);
                }
            }
        }
        return null;
    }

    /** Every task carries 3 input and 7 output tokens and costs 11: a snapshot's sums must say so exactly. */
    private static void checkSnapshot(MetricsSnapshot snapshot, ConcurrentLinkedQueue<String> violations) {
        long tasks = snapshot.totalRequests();
        TokenUsage usage = snapshot.usage();
        Long cost = usage.costNanoUsd();
        if (usage.inputTokens() != 3 * tasks || usage.outputTokens() != 7 * tasks
                || usage.cacheReadTokens() != tasks || (cost == null ? 0 : cost) != 11 * tasks) {
            violations.add("usage out of step with " + tasks + " tasks: " + usage);
        }
    }
}
