package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The store split into eight writer stripes, whatever this machine's processor count: real threads, exact counts. */
class PerformanceMetricsStripesTest {

    private static final int THREADS = 8;

    private final PerformanceMetrics metrics = new PerformanceMetrics(Clock.systemUTC(),
            MetricsCapacities.defaults().withHistorySize(100).withErrorLogSize(50),
            new WriterStripes(THREADS));

    @Test
    void historyAndErrorLogFollowTheOrderOfTasksRecordedOneAfterAnotherOnEightThreads() throws Exception {
        int tasks = 2_000;
        var turns = new Semaphore[THREADS];
        for (int t = 0; t < THREADS; t++) {
            turns[t] = new Semaphore(t == 0 ? 1 : 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            var writers = new ArrayList<Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int task = thread; task < tasks; task += THREADS) {
                        if (!turns[thread].tryAcquire(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("no turn for task " + task);
                        }
                        // The duration names the task: 1 µs for the first, 2 µs for the second...
                        metrics.record("task", Duration.ofNanos(1_000L * (task + 1)), task % 3 != 0, "failure");
                        turns[(thread + 1) % THREADS].release();
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        List<Long> history = metrics.history(1_000).stream().map(TaskRecord::durationMicros).toList();
        List<Long> errors = metrics.errors(1_000).stream().map(TaskRecord::durationMicros).toList();
        assertThat(history).containsExactlyElementsOf(LongStream.iterate(tasks, d -> d - 1).limit(100).boxed().toList());
        assertThat(errors).hasSize(50).containsExactlyElementsOf(LongStream.iterate(tasks, d -> d - 1)
                .filter(duration -> (duration - 1) % 3 == 0).limit(50).boxed().toList());
    }

    @Test
    void countsStayExactWhenEightThreadsWriteThroughEightStripesWhileSnapshotsAreRead() throws Exception {
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        var start = new CountDownLatch(1);
        var writersDone = new AtomicBoolean();
        var violations = new ConcurrentLinkedQueue<String>();
        try {
            var writers = new ArrayList<Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        boolean success = i % 5 != 0;
                        metrics.record("task-" + (thread + i) % 10, Duration.ofNanos(1_000L * (1 + i % 3_000)),
                                success, success ? null : "failure");
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                start.await();
                long previous = 0;
                while (!writersDone.get()) {
                    MetricsSnapshot snapshot = metrics.snapshot();
                    if (snapshot.totalRequests() != snapshot.successfulRequests() + snapshot.failedRequests()) {
                        violations.add("total != successful + failed in " + snapshot);
                    }
                    if (snapshot.totalRequests() < previous) {
                        violations.add("the total went back from " + previous + " to " + snapshot.totalRequests());
                    }
                    previous = snapshot.totalRequests();
                    if (metrics.history(1_000).size() > 100 || metrics.errors(1_000).size() > 50) {
                        violations.add("history or error log above capacity");
                    }
                }
                return null;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writersDone.set(true);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        long total = (long) THREADS * perThread;
        long failed = (long) THREADS * (perThread / 5);
        MetricsSnapshot last = metrics.snapshot();
        assertThat(violations).isEmpty();
        assertThat(last.totalRequests()).isEqualTo(total);
        assertThat(last.failedRequests()).isEqualTo(failed);
        assertThat(metrics.taskStats().stream().mapToLong(TaskStats::count).sum()).isEqualTo(total);
        assertThat(metrics.history(1_000)).hasSize(100);
        assertThat(metrics.errors(1_000)).hasSize(50).allSatisfy(task -> assertThat(task.success()).isFalse());
        long inSeries = metrics.timeSeries().points().stream()
                .mapToLong(point -> point.successes() + point.failures()).sum();
        assertThat(inSeries).isEqualTo(total);
    }

    @Test
    void resetForgetsEveryStripeExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            var writers = new ArrayList<Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        metrics.record("task", Duration.ofMillis(1), i % 2 == 0, "failure");
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(metrics.reset()).isEqualTo(THREADS * 1_000L);
        assertThat(metrics.reset()).isZero();
        assertThat(metrics.snapshot().totalRequests()).isZero();
        assertThat(metrics.history(1_000)).isEmpty();
        assertThat(metrics.errors(1_000)).isEmpty();
    }
}
