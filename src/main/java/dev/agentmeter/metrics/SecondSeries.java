package dev.agentmeter.metrics;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-second throughput, latency, tokens and cost over a fixed window, one bucket per second in a
 * {@link TimeRing}: O(1) to record, memory bounded by the window. A second's tokens and cost ({@link SecondUsage})
 * are made by its first model call, so seconds of tasks without model calls cost no more than before.
 *
 * <p>Thread-safe and lock-free, as the ring is: writers of a second older than the window are dropped.
 *
 * <p>A second's counts are {@link LongAdder}s: every task of the second adds to them, so concurrent writers
 * would otherwise all write one cache line. An adder grows cells only once writers collide on it (at most
 * one per processor), so a quiet second costs no more than an atomic long.
 */
final class SecondSeries {

    private static final class Bucket {
        private static final AtomicReferenceFieldUpdater<Bucket, SecondUsage> USAGE =
                AtomicReferenceFieldUpdater.newUpdater(Bucket.class, SecondUsage.class, "usage");

        final LongAdder successes = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LatencyBuckets latency = new LatencyBuckets();
        // Written and read by snapshot threads: a past second rarely changes, so its summary is reused.
        volatile CachedSummary cached;
        // Installed once (CAS) by the first model call of the second; read by writers and snapshot threads.
        volatile SecondUsage usage;

        void addUsage(ModelCall call) {
            SecondUsage current = usage;
            if (current == null) {
                USAGE.compareAndSet(this, null, new SecondUsage());
                current = usage;
            }
            current.add(call);
        }
    }

    private record CachedSummary(long count, LatencySummary summary) {
    }

    private final int windowSeconds;
    private final TimeRing<Bucket> buckets;
    // The writers' current seconds, added into the buckets when they move on and at each phase flip; null
    // for a series without lanes (an agent's), whose writers count in the buckets directly.
    private final SecondLanes lanes;

    SecondSeries(int windowSeconds) {
        this(windowSeconds, null);
    }

    SecondSeries(int windowSeconds, SecondLanes lanes) {
        this.windowSeconds = windowSeconds;
        this.buckets = new TimeRing<>(windowSeconds, Bucket::new);
        this.lanes = lanes;
    }

    /**
     * Records a task for the writer that entered {@code stripe} with {@code valueAtEnter}: in its lane when
     * it can, else in the bucket. Its tokens and cost always go to the bucket.
     */
    void record(int stripe, long valueAtEnter, long epochSecond, long durationMicros, boolean success,
                ModelCall call) {
        if (lanes != null && lanes.record(stripe, valueAtEnter, epochSecond, durationMicros, success, this)) {
            if (call != null) {
                recordUsage(epochSecond, call);
            }
            return;
        }
        record(epochSecond, durationMicros, success, call);
    }

    /** Adds the lanes of a phase that ended into the buckets; call before reading the series. */
    void drain(int quiescentPhase) {
        if (lanes != null) {
            lanes.drain(quiescentPhase, this);
        }
    }

    /** Adds a lane's counts of {@code epochSecond} (dropped when the second has left the window). */
    void add(long epochSecond, LatencyBuckets latency, long successes, long failures) {
        Bucket bucket = buckets.slotForWriting(epochSecond);
        latency.drainInto(bucket == null ? null : bucket.latency);
        if (bucket != null) {
            bucket.successes.add(successes);
            bucket.failures.add(failures);
        }
    }

    void record(long epochSecond, long durationMicros, boolean success) {
        record(epochSecond, durationMicros, success, null);
    }

    /** Records a task, and its model call's tokens and cost when {@code call} is not {@code null}. */
    void record(long epochSecond, long durationMicros, boolean success, ModelCall call) {
        Bucket bucket = buckets.slotForWriting(epochSecond);
        if (bucket == null) {
            return;
        }
        // Latency first: once a reader sees a count, the latencies behind it are in, so a cached summary
        // keyed by that count is never missing one.
        bucket.latency.record(durationMicros);
        (success ? bucket.successes : bucket.failures).increment();
        if (call != null) {
            bucket.addUsage(call);
        }
    }

    /** Adds tokens and cost that came without a task. */
    void recordUsage(long epochSecond, ModelCall call) {
        Bucket bucket = buckets.slotForWriting(epochSecond);
        if (bucket != null) {
            bucket.addUsage(call);
        }
    }

    /** Tasks that finished in the {@code seconds} seconds up to and including {@code nowEpochSecond}. */
    long countSince(long nowEpochSecond, int seconds) {
        long count = 0;
        for (long second = nowEpochSecond - Math.min(seconds, windowSeconds) + 1; second <= nowEpochSecond; second++) {
            Bucket bucket = buckets.slotForReading(second);
            if (bucket != null) {
                count += bucket.successes.sum() + bucket.failures.sum();
            }
        }
        return count;
    }

    TimeSeriesSnapshot snapshot(long nowEpochSecond) {
        var points = new ArrayList<TimeSeriesSnapshot.Point>(windowSeconds);
        for (long second = nowEpochSecond - windowSeconds + 1; second <= nowEpochSecond; second++) {
            Bucket bucket = buckets.slotForReading(second);
            if (bucket != null) {
                long successes = bucket.successes.sum();
                long failures = bucket.failures.sum();
                SecondUsage usage = bucket.usage;
                LatencySummary latency = latencyOf(bucket, successes + failures);
                points.add(usage == null ? new TimeSeriesSnapshot.Point(second, successes, failures, latency)
                        : new TimeSeriesSnapshot.Point(second, successes, failures, latency, usage.inputTokens(),
                                usage.outputTokens(), usage.costNanoUsd()));
            } else {
                points.add(new TimeSeriesSnapshot.Point(second, 0, 0, null));
            }
        }
        return new TimeSeriesSnapshot(points);
    }

    private static LatencySummary latencyOf(Bucket bucket, long count) {
        CachedSummary cached = bucket.cached;
        if (cached == null || cached.count() != count) {
            cached = new CachedSummary(count, bucket.latency.summary());
            bucket.cached = cached;
        }
        return cached.summary();
    }
}
