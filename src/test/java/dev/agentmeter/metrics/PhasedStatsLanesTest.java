package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.OnThreads;

/** Figures split into writer lanes merge into exactly the figures of one accumulator: real threads, exact counts. */
class PhasedStatsLanesTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 20_000;
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void eightThreadsOnEightLanesMergeIntoTheFiguresOneAccumulatorGivesForTheSameTasks() throws Exception {
        var laned = new PhasedStats(3, new LaneBudget(8, 16));
        recordConcurrently(laned);
        laned.drain(0);

        var single = new PhasedStats(3);
        for (int thread = 0; thread < THREADS; thread++) {
            for (int i = 0; i < PER_THREAD; i++) {
                single.record(0, 0, task(thread, i));
            }
        }
        single.drain(0);

        assertSameFigures(laned.totals(), single.totals());
        assertThat(laned.totals().count()).isEqualTo((long) THREADS * PER_THREAD);
        assertThat(laned.totals().failures()).isEqualTo((long) THREADS * (PER_THREAD / 7 + 1));
    }

    @Test
    void lanesBeyondASpentBudgetRecordIntoTheSharedAccumulatorAndNothingIsLost() throws Exception {
        var budget = new LaneBudget(8, 3);
        var stats = new PhasedStats(2, budget);
        recordConcurrently(stats);
        stats.drain(0);

        assertThat(stats.totals().count()).isEqualTo((long) THREADS * PER_THREAD);
        assertThat(stats.totals().failures()).isEqualTo((long) THREADS * (PER_THREAD / 7 + 1));
        assertThat(budget.take()).isFalse(); // all three were taken by the first lanes
    }

    @Test
    void aBudgetGrantsExactlyItsAccumulatorsToEightRacingThreads() throws Exception {
        var budget = new LaneBudget(8, 100);
        var granted = new AtomicInteger();
        OnThreads.run(THREADS, thread -> {
            for (int i = 0; i < 1_000; i++) {
                if (budget.take()) {
                    granted.incrementAndGet();
                }
            }
        });
        assertThat(granted).hasValue(100);
        budget.giveBack();
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isFalse();
    }

    @Test
    void lanesAreCappedAtEightAndFiguresWithoutLanesHaveOne() {
        assertThat(new LaneBudget(64, 10).lanes()).isEqualTo(LaneBudget.MAX_LANES);
        assertThat(LaneBudget.SHARED.lanes()).isEqualTo(1);
        assertThat(LaneBudget.SHARED.take()).isFalse();
    }

    private static void recordConcurrently(PhasedStats stats) throws Exception {
        OnThreads.run(THREADS, thread -> {
            for (int i = 0; i < PER_THREAD; i++) {
                stats.record(0, thread, task(thread, i));
            }
        });
    }

    /** A task whose duration and outcome follow from its thread and index: about one in seven fails. */
    private static TaskRecord task(int thread, int i) {
        boolean success = i % 7 != 0;
        long micros = 1 + (long) (i * 37 + thread * 1_009) % 5_000_000;
        return new TaskRecord("t", micros, success, success ? null : "x", START.plusMillis(i));
    }

    private static void assertSameFigures(StatsTotals actual, StatsTotals expected) {
        assertThat(actual.successes()).isEqualTo(expected.successes());
        assertThat(actual.failures()).isEqualTo(expected.failures());
        assertThat(actual.lastRecordedAt()).isEqualTo(expected.lastRecordedAt());
        assertThat(actual.latency()).isEqualTo(expected.latency());
    }
}
