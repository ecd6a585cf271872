package dev.agentmeter.metrics;

/**
 * Token and cost figures split by recording phase, like {@link PhasedStats}: writers add to the accumulator
 * of the active phase, the snapshot drains the other one into the totals.
 *
 * <p>Thread-safe under the protocol of {@link PerformanceMetrics}: {@link #record} from any thread inside a
 * writer critical section; {@link #drain} and {@link #totals} only under the snapshot lock.
 */
final class PhasedUsage {

    private final UsageAccumulator[] accumulators = {new UsageAccumulator(), new UsageAccumulator()};
    // Owned by the snapshot thread (under the snapshot lock).
    private final UsageTotals totals = new UsageTotals();

    void record(int phase, ModelCall call) {
        accumulators[phase].record(call);
    }

    void drain(int quiescentPhase) {
        accumulators[quiescentPhase].drainInto(totals);
    }

    UsageTotals totals() {
        return totals;
    }
}
