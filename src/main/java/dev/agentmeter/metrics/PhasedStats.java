package dev.agentmeter.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One set of figures (all tasks, or one task name) split by recording phase and by writer lane: writers record into the
 * accumulator of their phase and lane ({@link WriterLanes}), the snapshot drains every lane of the ended phase into the
 * totals. Lanes ({@link LaneBudget}) keep the histogram counts one core writes off the cache lines the other core
 * writes; an accumulator of a lane is made by its first writer, from the budget, or the lane records into the shared
 * accumulator.
 *
 * <p>Thread-safe under the protocol of {@link PerformanceMetrics}: {@link #record} from any thread inside a
 * writer critical section of its phase; {@link #drain} and {@link #totals} only under the snapshot lock.
 */
final class PhasedStats {

    private static final VarHandle ACCUMULATORS = MethodHandles.arrayElementVarHandle(StatsAccumulator[].class);

    private final int significantDigits;
    private final LaneBudget budget;
    private final int laneMask;
    private final int laneBits;
    // Per phase: recorded into by writers whose lane has no accumulator of its own; drained by the snapshot.
    private final StatsAccumulator[] shared;
    // At (phase << laneBits) + lane: installed once (CAS) by the lane's first writer, the lane's own accumulator
    // or the shared one when the budget was spent (without lanes, the shared one from the start); read by the
    // lane's writers and by the snapshot. One flat array, so a record finds its accumulator in two loads.
    private final StatsAccumulator[] accumulators;
    // Owned by the snapshot thread (under the snapshot lock).
    private final StatsTotals totals;

    /** Figures without lanes: every writer records into one accumulator per phase. */
    PhasedStats(int significantDigits) {
        this(significantDigits, LaneBudget.SHARED);
    }

    PhasedStats(int significantDigits, LaneBudget budget) {
        this.significantDigits = significantDigits;
        this.budget = budget;
        this.laneMask = budget.lanes() - 1;
        this.laneBits = Integer.numberOfTrailingZeros(budget.lanes());
        shared = new StatsAccumulator[] {
            new StatsAccumulator(significantDigits), new StatsAccumulator(significantDigits)
        };
        accumulators = new StatsAccumulator[2 << laneBits];
        if (budget.lanes() == 1) {
            accumulators[0] = shared[0];
            accumulators[1] = shared[1];
        }
        totals = new StatsTotals(significantDigits);
    }

    /** Records {@code task} in {@code lane} (see {@link WriterLanes}). */
    void record(int phase, int lane, TaskRecord task) {
        int slot = (phase << laneBits) + (lane & laneMask);
        var accumulator = (StatsAccumulator) ACCUMULATORS.getAcquire(accumulators, slot);
        if (accumulator == null) {
            accumulator = install(slot, phase);
        }
        accumulator.record(task.durationMicros(), task.success(), task.timestamp().toEpochMilli());
    }

    void drain(int quiescentPhase) {
        StatsAccumulator common = shared[quiescentPhase];
        common.drainInto(totals);
        for (int slot = quiescentPhase << laneBits; slot < (quiescentPhase + 1) << laneBits; slot++) {
            var accumulator = (StatsAccumulator) ACCUMULATORS.getAcquire(accumulators, slot);
            if (accumulator != null && accumulator != common) {
                accumulator.drainInto(totals);
            }
        }
    }

    StatsTotals totals() {
        return totals;
    }

    private StatsAccumulator install(int slot, int phase) {
        boolean own = budget.take();
        StatsAccumulator fresh = own ? new StatsAccumulator(significantDigits) : shared[phase];
        if (ACCUMULATORS.compareAndSet(accumulators, slot, null, fresh)) {
            return fresh;
        }
        if (own) {
            budget.giveBack(); // another writer of this lane installed one first
        }
        return (StatsAccumulator) ACCUMULATORS.getAcquire(accumulators, slot);
    }
}
