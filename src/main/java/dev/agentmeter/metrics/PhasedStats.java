package dev.agentmeter.metrics;

/**
 * One set of figures (all tasks, or one task name) split by recording phase: writers record into the
 * accumulator of the active phase, the snapshot drains the other one into the totals.
 *
 * <p>Thread-safe under the protocol of {@link PerformanceMetrics}: {@link #record} from any thread inside a
 * writer critical section; {@link #drain} and {@link #totals} only under the snapshot lock.
 */
final class PhasedStats {

    private final StatsAccumulator[] accumulators;
    // Owned by the snapshot thread (under the snapshot lock).
    private final StatsTotals totals;

    PhasedStats(int significantDigits) {
        accumulators = new StatsAccumulator[] {
            new StatsAccumulator(significantDigits), new StatsAccumulator(significantDigits)
        };
        totals = new StatsTotals(significantDigits);
    }

    void record(int phase, TaskRecord task) {
        accumulators[phase].record(task.durationMicros(), task.success(), task.timestamp().toEpochMilli());
    }

    void drain(int quiescentPhase) {
        accumulators[quiescentPhase].drainInto(totals);
    }

    StatsTotals totals() {
        return totals;
    }
}
