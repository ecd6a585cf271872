package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

/** Real threads, exact counts: nothing recorded is lost, and every snapshot read meanwhile is consistent. */
class PerformanceMetricsConcurrencyTest {

    private static final int WRITERS = 8;
    private static final int RECORDS_PER_WRITER = 10_000;
    private static final int READERS = 2;

    @Test
    void countsStayExactUnderEightConcurrentWritersWhileSnapshotsAreRead() throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(),
                MetricsCapacities.defaults().withHistorySize(100).withErrorLogSize(50).withMaxTaskNames(20));
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        var start = new CountDownLatch(1);
        var writersDone = new AtomicBoolean();
        var violations = new ConcurrentLinkedQueue<String>();
        var snapshotsRead = new ConcurrentLinkedQueue<Long>();
        try {
            var writers = new ArrayList<Future<?>>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < RECORDS_PER_WRITER; i++) {
                        boolean success = i % 4 != 0;
                        metrics.record("task-" + (writer * 7 + i) % 30, Duration.ofNanos(1_000L * (1 + i % 5000)),
                                success, success ? null : "failure " + i);
                    }
                    return null;
                }));
            }
            var readers = new ArrayList<Future<?>>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    while (!writersDone.get()) {
                        checkInvariants(metrics, violations);
                        snapshotsRead.add(metrics.snapshot().totalRequests());
                    }
                    return null;
                }));
            }
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

        long expectedTotal = (long) WRITERS * RECORDS_PER_WRITER;
        long expectedFailed = (long) WRITERS * (RECORDS_PER_WRITER / 4);
        MetricsSnapshot last = metrics.snapshot();
        assertThat(violations).isEmpty();
        assertThat(snapshotsRead).isNotEmpty();
        assertThat(last.totalRequests()).isEqualTo(expectedTotal);
        assertThat(last.failedRequests()).isEqualTo(expectedFailed);
        assertThat(last.successfulRequests()).isEqualTo(expectedTotal - expectedFailed);
        assertThat(metrics.taskStats().stream().mapToLong(TaskStats::count).sum()).isEqualTo(expectedTotal);
        assertThat(metrics.taskStats()).hasSize(21); // 20 names under the cap, the rest under "(other)"
        assertThat(metrics.history(1_000)).hasSize(100);
        assertThat(metrics.errors(1_000)).hasSize(50).allSatisfy(task -> assertThat(task.success()).isFalse());
        long inSeries = metrics.timeSeries().points().stream()
                .mapToLong(point -> point.successes() + point.failures()).sum();
        assertThat(inSeries).isEqualTo(expectedTotal);
    }

    @Test
    void resetDuringRecordingNeverLeavesAHalfRecordedTask() throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        var violations = new ConcurrentLinkedQueue<String>();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        metrics.record("t", Duration.ofNanos(1_000 + i), i % 3 != 0, "x");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (int i = 0; i < 200; i++) {
                metrics.reset();
                checkInvariants(metrics, violations);
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(violations).isEmpty();
        MetricsSnapshot after = metrics.snapshot();
        long perTask = metrics.taskStats().stream().mapToLong(TaskStats::count).sum();
        assertThat(perTask).isEqualTo(after.totalRequests());
    }

    private static void checkInvariants(PerformanceMetrics metrics, ConcurrentLinkedQueue<String> violations) {
        MetricsSnapshot snapshot = metrics.snapshot();
        if (snapshot.totalRequests() != snapshot.successfulRequests() + snapshot.failedRequests()) {
            violations.add("total != successful + failed in " + snapshot);
        }
        if (snapshot.totalRequests() > 0 && snapshot.successRate() + snapshot.errorRate() != 100.0) {
            violations.add("rates do not add up to 100 in " + snapshot);
        }
        LatencySummary latency = snapshot.latency();
        if (snapshot.totalRequests() > 0 && (latency == null
                || latency.minMillis() > latency.p50Millis() || latency.p50Millis() > latency.p95Millis()
                || latency.p95Millis() > latency.p99Millis() || latency.p99Millis() > latency.maxMillis())) {
            violations.add("latency order broken in " + snapshot);
        }
        if (metrics.history(Integer.MAX_VALUE).size() > metrics.capacities().historySize()) {
            violations.add("history above capacity");
        }
        if (metrics.errors(Integer.MAX_VALUE).size() > metrics.capacities().errorLogSize()) {
            violations.add("error log above capacity");
        }
    }
}
