package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One set of figures (all tasks, or one task name) split by recording phase and by writer lane: writers
 * record into the accumulator of their phase and lane, the snapshot drains every lane of the ended phase
 * into the totals. Lanes ({@link LaneBudget}) keep the histogram counts one core writes off the cache lines
 * the other core writes; an accumulator of a lane is made by its first writer, from the budget, or the lane
 * records into the shared accumulator.
 *
 * <p>Thread-safe under the protocol of {@link PerformanceMetrics}: {@link #record} from any thread inside a
 * writer critical section of its phase; {@link #drain} and {@link #totals} only under the snapshot lock.
 */
final class PhasedStats {

    private final int significantDigits;
    private final LaneBudget budget;
    private final int laneMask;
    // Per phase: recorded into by writers whose lane has no accumulator of its own; drained by the snapshot.
    private final StatsAccumulator[] shared;
    // Per phase, per lane: installed once (CAS) by the lane's first writer, the lane's own accumulator or the
    // shared one when the budget was spent; read by writers of the lane and by the snapshot. Null without lanes.
    private final AtomicReferenceArray<StatsAccumulator>[] lanes;
    // Owned by the snapshot thread (under the snapshot lock).
    private final StatsTotals totals;

    /** Figures without lanes: every writer records into one accumulator per phase. */
    PhasedStats(int significantDigits) {
        this(significantDigits, LaneBudget.SHARED);
    }

    @SuppressWarnings("unchecked")
    PhasedStats(int significantDigits, LaneBudget budget) {
        this.significantDigits = significantDigits;
        this.budget = budget;
        this.laneMask = budget.lanes() - 1;
        shared = new StatsAccumulator[] {
            new StatsAccumulator(significantDigits), new StatsAccumulator(significantDigits)
        };
        lanes = budget.lanes() == 1 ? null : new AtomicReferenceArray[] {
            new AtomicReferenceArray<StatsAccumulator>(budget.lanes()),
            new AtomicReferenceArray<StatsAccumulator>(budget.lanes())
        };
        totals = new StatsTotals(significantDigits);
    }

    void record(int phase, int stripe, TaskRecord task) {
        accumulator(phase, stripe).record(task.durationMicros(), task.success(), task.timestamp().toEpochMilli());
    }

    void drain(int quiescentPhase) {
        shared[quiescentPhase].drainInto(totals);
        if (lanes != null) {
            AtomicReferenceArray<StatsAccumulator> ofPhase = lanes[quiescentPhase];
            for (int lane = 0; lane < ofPhase.length(); lane++) {
                StatsAccumulator accumulator = ofPhase.get(lane);
                if (accumulator != null && accumulator != shared[quiescentPhase]) {
                    accumulator.drainInto(totals);
                }
            }
        }
    }

    StatsTotals totals() {
        return totals;
    }

    private StatsAccumulator accumulator(int phase, int stripe) {
        if (lanes == null) {
            return shared[phase];
        }
        int lane = stripe & laneMask;
        StatsAccumulator accumulator = lanes[phase].get(lane);
        return accumulator != null ? accumulator : install(phase, lane);
    }

    private StatsAccumulator install(int phase, int lane) {
        boolean own = budget.take();
        StatsAccumulator fresh = own ? new StatsAccumulator(significantDigits) : shared[phase];
        if (lanes[phase].compareAndSet(lane, null, fresh)) {
            return fresh;
        }
        if (own) {
            budget.giveBack(); // another writer of this lane installed one first
        }
        return lanes[phase].get(lane);
    }
}
