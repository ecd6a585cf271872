package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.OnThreads;

/**
 * Lanes follow the cores: threads that take turns keep sharing one lane, threads that write one lane at the same
 * time move apart and stay apart, and a store whose writers share lanes loses no task (real threads, exact counts).
 */
class WriterLanesTest {

    @Test
    void oneLanePerProcessorRoundedUpToAPowerOfTwoAndAtMostEight() {
        assertThat(WriterLanes.forProcessors(1).count()).isEqualTo(1);
        assertThat(WriterLanes.forProcessors(2).count()).isEqualTo(2);
        assertThat(WriterLanes.forProcessors(3).count()).isEqualTo(4);
        assertThat(WriterLanes.forProcessors(64).count()).isEqualTo(LaneBudget.MAX_LANES);
        assertThatThrownBy(() -> new WriterLanes(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriterLanes(16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadsThatTakeTurnsInLongRunsShareOneLane() throws Exception {
        var lanes = new WriterLanes(2);
        var seen = new ArrayList<Integer>();
        for (int turn = 0; turn < 6; turn++) { // each a fresh thread, as a core switching between writers
            seen.addAll(onThread(() -> {
                var runLanes = new ArrayList<Integer>();
                for (int i = 0; i < 1_000; i++) {
                    runLanes.add(lanes.current());
                }
                return runLanes;
            }));
        }
        assertThat(seen).hasSize(6_000).containsOnly(0);
    }

    @Test
    void twoThreadsWritingOneLaneAtOnceMoveApartAndThenStay() throws Exception {
        for (int count : new int[] {2, 8}) {
            var lanes = new WriterLanes(count);
            List<List<Integer>> perThread = alternately(lanes, 200);
            List<Integer> first = perThread.get(0);
            List<Integer> second = perThread.get(1);
            // After at most a few records both settle; from then on each keeps its lane and they differ.
            int settledFirst = first.get(first.size() - 1);
            int settledSecond = second.get(second.size() - 1);
            assertThat(settledFirst).as("lanes of %d", count).isNotEqualTo(settledSecond);
            assertThat(first.subList(100, 200)).containsOnly(settledFirst);
            assertThat(second.subList(100, 200)).containsOnly(settledSecond);
        }
    }

    @Test
    void eightThreadsSharingTwoLanesRecordExactlyTheFiguresOfOneThread() throws Exception {
        int threads = 8;
        int perThread = 25_000;
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        var shared = new PerformanceMetrics(clock, MetricsCapacities.defaults(), new WriterStripes(8),
                new WriterLanes(2));
        OnThreads.run(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                shared.record(task(thread, i, now));
            }
        });

        var alone = new PerformanceMetrics(clock, MetricsCapacities.defaults(), new WriterStripes(1),
                new WriterLanes(1));
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                alone.record(task(t, i, now));
            }
        }
        MetricsSnapshot expected = alone.snapshot();
        MetricsSnapshot actual = shared.snapshot();
        assertThat(actual.totalRequests()).isEqualTo((long) threads * perThread);
        assertThat(actual.successfulRequests()).isEqualTo(expected.successfulRequests());
        assertThat(actual.failedRequests()).isEqualTo(expected.failedRequests());
        assertThat(actual.latency()).isEqualTo(expected.latency());
        assertThat(shared.taskStats()).isEqualTo(alone.taskStats());
    }

    /** Task {@code i} of {@code thread}: five names, durations spread over four decades, one in nine failing. */
    private static TaskRecord task(int thread, int i, Instant now) {
        boolean success = (i + thread) % 9 != 0;
        long micros = 1_000 + (long) (i * 7_919 + thread * 104_729) % 10_000_000;
        return new TaskRecord("task-" + (i + thread) % 5, micros, success, success ? null : "x", now);
    }

    /**
     * Two threads that each call {@code current()} {@code records} times, strictly taking turns, as two cores
     * recording at once; the lanes each got, in order.
     */
    private static List<List<Integer>> alternately(WriterLanes lanes, int records) throws Exception {
        var toSecond = new SynchronousQueue<Boolean>();
        var toFirst = new SynchronousQueue<Boolean>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<Integer>> first = pool.submit(() -> {
                var seen = new ArrayList<Integer>();
                for (int i = 0; i < records; i++) {
                    seen.add(lanes.current());
                    toSecond.put(true);
                    toFirst.take();
                }
                return seen;
            });
            Future<List<Integer>> second = pool.submit(() -> {
                var seen = new ArrayList<Integer>();
                for (int i = 0; i < records; i++) {
                    toSecond.take();
                    seen.add(lanes.current());
                    toFirst.put(true);
                }
                return seen;
            });
            return List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static <T> T onThread(java.util.concurrent.Callable<T> work) throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            return single.submit(work).get(30, TimeUnit.SECONDS);
        } finally {
            single.shutdownNow();
            assertThat(single.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
