package dev.agentmeter.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The current second of the per-second series, one lane per writer stripe and phase, so writers on different
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
 * <p>So a lane's writers must be exactly one stripe's writers: one lane per stripe, never fewer. (With fewer, the
 * writers of two stripes shared a lane, and a writer alone on its own stripe emptied the lane under a writer of
 * the other one, whose latency could be lost and its count land in the next second: on every machine of three
 * processors or more, whose 16 to 64 stripes shared 8 lanes.)
 *
 * <p>Memory: {@code 2 x stripes} (at most 2 x {@value WriterStripes#MAX_STRIPES}, about 350 KB) small latency
 * histograms of {@link LatencyBuckets} per series, whatever the window; 2 x 8 (about 45 KB) on two processors.
 *
 * <p>Thread-safe under the protocol of {@link PerformanceMetrics}: {@link #record} inside a writer critical
 * section, {@link #drain} only for a phase that ended (under the snapshot lock).
 */
final class SecondLanes {

    private static final VarHandle HEADS = MethodHandles.arrayElementVarHandle(long[].class);

    private static final long EMPTY = Long.MIN_VALUE;
    private static final long SWITCHING = Long.MIN_VALUE + 1;

    // A lane's head: its second (or EMPTY, SWITCHING) and its two counts, alone in 128 bytes of its own.
    private static final int STRIDE = RecordingHistogram.PADDING;
    private static final int SECOND = 0;
    private static final int SUCCESSES = 1;
    private static final int FAILURES = 2;

    private final StripedPhaser phaser;
    private final int laneBits;
    // Lane (phase << laneBits) + stripe has its head at STRIDE * (lane + 1), one stride of padding before the
    // first and after the last: the second is set by the lane's moving writer and by the snapshot and read by
    // every writer of the lane; the counts are added to by the lane's writers and read and cleared by the
    // moving writer or the snapshot. One flat array, so a record finds its lane's head in two loads.
    private final long[] heads;
    // Per lane, the same index: counted into by its writers, drained by the moving writer or the snapshot.
    private final LatencyBuckets[] latencies;

    /** A lane for each of the {@code phaser}'s stripes, a power of two. */
    SecondLanes(StripedPhaser phaser) {
        this.phaser = phaser;
        int count = phaser.stripes();
        this.laneBits = Integer.numberOfTrailingZeros(count);
        this.heads = new long[STRIDE * (2 * count + 2)];
        this.latencies = new LatencyBuckets[2 * count];
        for (int lane = 0; lane < 2 * count; lane++) {
            heads[head(lane) + SECOND] = EMPTY;
            latencies[lane] = new LatencyBuckets();
        }
    }

    /**
     * Counts a task of {@code epochSecond} in the lane of the writer that entered {@code stripe} with
     * {@code valueAtEnter}; false when it must go to the series' bucket instead.
     */
    boolean record(int stripe, long valueAtEnter, long epochSecond, long durationMicros, boolean success,
                   SecondSeries series) {
        int lane = (StripedPhaser.phaseOf(valueAtEnter) << laneBits) + stripe;
        int head = head(lane);
        long second = (long) HEADS.getVolatile(heads, head + SECOND);
        if (second != epochSecond && !moveOn(lane, head, second, epochSecond, stripe, valueAtEnter, series)) {
            return false;
        }
        // Latency first, as in the series' buckets: a count always has its latency beside it.
        latencies[lane].record(durationMicros);
        HEADS.getAndAdd(heads, head + (success ? SUCCESSES : FAILURES), 1L);
        return true;
    }

    /** Adds every lane of a phase that ended into the series and empties it. */
    void drain(int quiescentPhase, SecondSeries series) {
        for (int lane = quiescentPhase << laneBits; lane < (quiescentPhase + 1) << laneBits; lane++) {
            int head = head(lane);
            long second = (long) HEADS.getVolatile(heads, head + SECOND);
            if (second != EMPTY) {
                addInto(series, second, lane, head);
                HEADS.setVolatile(heads, head + SECOND, EMPTY);
            }
        }
    }

    private boolean moveOn(int lane, int head, long second, long epochSecond, int stripe, long valueAtEnter,
                           SecondSeries series) {
        if (second == SWITCHING || second > epochSecond
                || !HEADS.compareAndSet(heads, head + SECOND, second, SWITCHING)) {
            return false;
        }
        if (second != EMPTY) { // an empty lane has no writer counting in it: only its mover
            if (!phaser.alone(stripe, valueAtEnter)) {
                // a writer of the old second may still be counting: leave it be
                HEADS.setVolatile(heads, head + SECOND, second);
                return false;
            }
            addInto(series, second, lane, head);
        }
        HEADS.setVolatile(heads, head + SECOND, epochSecond);
        return true;
    }

    /** Adds a lane's counts into the series' bucket of {@code second} and clears them; nobody else writes. */
    private void addInto(SecondSeries series, long second, int lane, int head) {
        series.add(second, latencies[lane], (long) HEADS.getAndSet(heads, head + SUCCESSES, 0L),
                (long) HEADS.getAndSet(heads, head + FAILURES, 0L));
    }

    private static int head(int lane) {
        return STRIDE * (lane + 1);
    }
}
