package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/**
 * The store's writer lanes (the current second per lane, the per-name and overall figures per lane) with real
 * threads and exact counts: four threads share each lane, seconds change under them, snapshots flip the phase
 * meanwhile, and every task still lands once, in its own second.
 */
class PerformanceMetricsLanesTest {

    private static final int PER_THREAD = 40_000;
    private static final int SECONDS = 20;
    private static final Instant FIRST_SECOND = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void everyTaskCountsOnceInItsOwnSecondWhenFourThreadsShareEachLaneAndSecondsChangeUnderThem() throws Exception {
        everyTaskCountsOnceInItsOwnSecond(new WriterStripes(2), 8);
    }

    /**
     * Sixteen stripes, as on a machine of four processors: more stripes than lanes of the figures (8), one thread
     * on each stripe. (The step-by-step interleaving that once lost a task here is {@link SecondLanesTest}'s.)
     */
    @Test
    void everyTaskCountsOnceInItsOwnSecondWithMoreStripesThanFigureLanes() throws Exception {
        everyTaskCountsOnceInItsOwnSecond(new WriterStripes(16), 16);
    }

    private static void everyTaskCountsOnceInItsOwnSecond(WriterStripes stripes, int threads) throws Exception {
        Clock clock = Clock.fixed(FIRST_SECOND.plusSeconds(SECONDS), ZoneOffset.UTC);
        var metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults(), stripes);
        var violations = new ConcurrentLinkedQueue<String>();
        var writersDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        var start = new CountDownLatch(1);
        try {
            var writers = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        metrics.record(task(thread, i));
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                start.await();
                long previous = 0;
                while (!writersDone.get()) {
                    long inSeries = total(metrics.timeSeries());
                    if (inSeries < previous) {
                        violations.add("the series went back from " + previous + " to " + inSeries);
                    }
                    previous = inSeries;
                    MetricsSnapshot snapshot = metrics.snapshot();
                    if (snapshot.totalRequests() != snapshot.successfulRequests() + snapshot.failedRequests()) {
                        violations.add("total != successful + failed in " + snapshot);
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

        assertThat(violations).isEmpty();
        List<TimeSeriesSnapshot.Point> points = metrics.timeSeries().points();
        long perSecond = (long) threads * PER_THREAD / SECONDS;
        for (int s = 0; s < SECONDS; s++) {
            long second = FIRST_SECOND.getEpochSecond() + s;
            TimeSeriesSnapshot.Point point = points.stream().filter(p -> p.epochSecond() == second).findFirst()
                    .orElseThrow();
            assertThat(point.successes() + point.failures()).as("tasks of second %d", s).isEqualTo(perSecond);
            assertThat(point.failures()).as("failures of second %d", s).isEqualTo(perSecond / 10);
        }
        assertThat(total(metrics.timeSeries())).isEqualTo((long) threads * PER_THREAD);
        assertThat(metrics.snapshot().totalRequests()).isEqualTo((long) threads * PER_THREAD);
        assertThat(metrics.taskStats()).hasSize(4).allSatisfy(stats ->
                assertThat(stats.count()).isEqualTo((long) threads * PER_THREAD / 4));
    }

    @Test
    void tasksWithOwnTimestampsKeepTheirThreadsOrderAndFallBehindNewerTasksOfOtherThreads() throws Exception {
        Clock clock = Clock.fixed(FIRST_SECOND.plusSeconds(100), ZoneOffset.UTC);
        var metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults(), new WriterStripes(8));
        // A replay on one thread, its timestamps out of order; then live tasks on another thread.
        onThread(() -> {
            metrics.record(new TaskRecord("replayed-1", 1, true, null, FIRST_SECOND.plusSeconds(30)));
            metrics.record(new TaskRecord("replayed-2", 1, true, null, FIRST_SECOND.plusSeconds(10)));
        });
        onThread(() -> {
            metrics.record(new TaskRecord("live-1", 1, true, null, FIRST_SECOND.plusSeconds(20)));
            metrics.record(new TaskRecord("live-2", 1, true, null, FIRST_SECOND.plusSeconds(40)));
        });

        // Each thread's tasks in the order it recorded them; the later head first (whether the two threads got
        // stripes of their own or one stripe, the order is the same).
        assertThat(metrics.history(10)).extracting(TaskRecord::name)
                .containsExactly("live-2", "live-1", "replayed-2", "replayed-1");
    }

    /** Thread {@code thread}'s task {@code i}: seconds go forward for even threads, backward for odd ones. */
    private static TaskRecord task(int thread, int i) {
        int step = i * SECONDS / PER_THREAD;
        int second = thread % 2 == 0 ? step : SECONDS - 1 - step;
        boolean success = i % 10 != 0;
        return new TaskRecord("task-" + i % 4, 1 + i % 3_000, success, success ? null : "x",
                FIRST_SECOND.plusSeconds(second).plusMillis(i % 1_000));
    }

    private static long total(TimeSeriesSnapshot series) {
        return series.points().stream().mapToLong(point -> point.successes() + point.failures()).sum();
    }

    private static void onThread(Runnable work) throws InterruptedException {
        var thread = new Thread(work);
        thread.start();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }
}
