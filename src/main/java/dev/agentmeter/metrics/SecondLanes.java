package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The current second of the per-second series, one per writer lane and phase, so writers on different
 * stripes count their tasks and latencies on cache lines of their own instead of the one bucket of the
 * second that every task of that second goes to ({@link SecondSeries}). A lane's second is added into the
 * series' bucket when the lane moves on to a newer second, and by the snapshot at each phase flip, so a
 * reader that flips the phase first (as every read of the series does) sees every task.
 *
 * <p>A lane moves on only while its writer is {@linkplain StripedPhaser#alone alone} on its stripe: it marks
 * the lane as switching, checks that nobody else is inside, adds the old second to the series, and only then
 * publishes the new second. A writer that finds the lane holding another second, or switching, or cannot
 * move it (another writer is inside, or the task is older than the lane's second) records into the series'
 * bucket directly, as without lanes: nothing waits, and no task is counted twice or in the wrong second.
 *
 * <p>Memory: {@code 2 x lanes} (at most 2 x {@value LaneBudget#MAX_LANES}) small latency histograms of
 * {@link LatencyBuckets} per series, whatever the window.
 *
 * <p>Thread-safe under the protocol of {@link PerformanceMetrics}: {@link #record} inside a writer critical
 * section, {@link #drain} only for a phase that ended (under the snapshot lock).
 */
final class SecondLanes {

    private static final long EMPTY = Long.MIN_VALUE;
    private static final long SWITCHING = Long.MIN_VALUE + 1;

    private static final int PADDING = RecordingHistogram.PADDING;
    private static final int SECOND = PADDING;
    private static final int SUCCESSES = PADDING + 1;
    private static final int FAILURES = PADDING + 2;

    /** One lane's second: its number (or EMPTY, SWITCHING), its counts and its latencies. */
    private static final class Lane {
        // Padded on both sides like the latency counts: the second (set by the lane's switching writer and by
        // the snapshot, read by every writer of the lane) and the counts (added to by writers of the lane,
        // read and cleared by the switching writer or the snapshot).
        final AtomicLongArray head = new AtomicLongArray(PADDING + 3 + PADDING);
        final LatencyBuckets latency = new LatencyBuckets();

        Lane() {
            head.set(SECOND, EMPTY);
        }
    }

    private final StripedPhaser phaser;
    private final int laneMask;
    private final Lane[][] lanes;

    SecondLanes(StripedPhaser phaser, int lanes) {
        this.phaser = phaser;
        int count = Math.min(lanes, LaneBudget.MAX_LANES);
        this.laneMask = count - 1;
        this.lanes = new Lane[2][count];
        for (int phase = 0; phase < 2; phase++) {
            for (int lane = 0; lane < count; lane++) {
                this.lanes[phase][lane] = new Lane();
            }
        }
    }

    /**
     * Counts a task of {@code epochSecond} in the lane of the writer that entered {@code stripe} with
     * {@code valueAtEnter}; false when it must go to the series' bucket instead.
     */
    boolean record(int stripe, long valueAtEnter, long epochSecond, long durationMicros, boolean success,
                   SecondSeries series) {
        Lane lane = lanes[StripedPhaser.phaseOf(valueAtEnter)][stripe & laneMask];
        long second = lane.head.get(SECOND);
        if (second != epochSecond && !moveOn(lane, second, epochSecond, stripe, valueAtEnter, series)) {
            return false;
        }
        // Latency first, as in the series' buckets: a count always has its latency beside it.
        lane.latency.record(durationMicros);
        lane.head.getAndIncrement(success ? SUCCESSES : FAILURES);
        return true;
    }

    /** Adds every lane of a phase that ended into the series and empties it. */
    void drain(int quiescentPhase, SecondSeries series) {
        for (Lane lane : lanes[quiescentPhase]) {
            long second = lane.head.get(SECOND);
            if (second != EMPTY) {
                addInto(series, second, lane);
                lane.head.set(SECOND, EMPTY);
            }
        }
    }

    private boolean moveOn(Lane lane, long second, long epochSecond, int stripe, long valueAtEnter,
                           SecondSeries series) {
        if (second == SWITCHING || second > epochSecond || !lane.head.compareAndSet(SECOND, second, SWITCHING)) {
            return false;
        }
        if (second != EMPTY) { // an empty lane has no writer counting in it: only its mover
            if (!phaser.alone(stripe, valueAtEnter)) {
                lane.head.set(SECOND, second); // a writer of the old second may still be counting: leave it be
                return false;
            }
            addInto(series, second, lane);
        }
        lane.head.set(SECOND, epochSecond);
        return true;
    }

    /** Adds the lane's counts into the series' bucket of {@code second} and clears them; nobody else writes. */
    private static void addInto(SecondSeries series, long second, Lane lane) {
        series.add(second, lane.latency, lane.head.getAndSet(SUCCESSES, 0), lane.head.getAndSet(FAILURES, 0));
    }
}
