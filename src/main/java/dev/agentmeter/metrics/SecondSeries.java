package dev.agentmeter.metrics;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-second throughput, latency, tokens and cost over a fixed window, in a ring of one bucket per second:
 * O(1) to record, memory bounded by the window. A second's tokens and cost ({@link SecondUsage}) are made
 * by its first model call, so seconds of tasks without model calls cost no more than before.
 *
 * <p>Thread-safe and lock-free: the first writer of a new second replaces the stale bucket with a CAS;
 * writers of a second older than the window are dropped. Nearly every task lands in the newest second, so
 * its bucket is also kept in {@link #latest}, sparing the ring lookup (and its division) on the hot path.
 *
 * <p>A second's counts are {@link LongAdder}s: every task of the second adds to them, so concurrent writers
 * would otherwise all write one cache line. An adder grows cells only once writers collide on it (at most
 * one per processor), so a quiet second costs no more than an atomic long.
 */
final class SecondSeries {

    private static final class Bucket {
        private static final AtomicReferenceFieldUpdater<Bucket, SecondUsage> USAGE =
                AtomicReferenceFieldUpdater.newUpdater(Bucket.class, SecondUsage.class, "usage");

        final long epochSecond;
        final LongAdder successes = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LatencyBuckets latency = new LatencyBuckets();
        // Written and read by snapshot threads: a past second rarely changes, so its summary is reused.
        volatile CachedSummary cached;
        // Installed once (CAS) by the first model call of the second; read by writers and snapshot threads.
        volatile SecondUsage usage;

        Bucket(long epochSecond) {
            this.epochSecond = epochSecond;
        }

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
    // Each slot is replaced whole by the first writer of a newer second; read by snapshot threads.
    private final AtomicReferenceArray<Bucket> buckets;
    // Set by writers to the newest bucket they installed or found; read by writers. Only a shortcut: a
    // racing writer may leave an older bucket here, and writers then take the ring path.
    private volatile Bucket latest;

    SecondSeries(int windowSeconds) {
        this.windowSeconds = windowSeconds;
        this.buckets = new AtomicReferenceArray<>(windowSeconds);
    }

    void record(long epochSecond, long durationMicros, boolean success) {
        record(epochSecond, durationMicros, success, null);
    }

    /** Records a task, and its model call's tokens and cost when {@code call} is not {@code null}. */
    void record(long epochSecond, long durationMicros, boolean success, ModelCall call) {
        Bucket bucket = bucketFor(epochSecond);
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
        Bucket bucket = bucketFor(epochSecond);
        if (bucket != null) {
            bucket.addUsage(call);
        }
    }

    /** Tasks that finished in the {@code seconds} seconds up to and including {@code nowEpochSecond}. */
    long countSince(long nowEpochSecond, int seconds) {
        long count = 0;
        for (long second = nowEpochSecond - Math.min(seconds, windowSeconds) + 1; second <= nowEpochSecond; second++) {
            Bucket bucket = buckets.get(index(second));
            if (bucket != null && bucket.epochSecond == second) {
                count += bucket.successes.sum() + bucket.failures.sum();
            }
        }
        return count;
    }

    TimeSeriesSnapshot snapshot(long nowEpochSecond) {
        var points = new ArrayList<TimeSeriesSnapshot.Point>(windowSeconds);
        for (long second = nowEpochSecond - windowSeconds + 1; second <= nowEpochSecond; second++) {
            Bucket bucket = buckets.get(index(second));
            if (bucket != null && bucket.epochSecond == second) {
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

    private Bucket bucketFor(long epochSecond) {
        Bucket newest = latest;
        if (newest != null && newest.epochSecond == epochSecond) {
            return newest;
        }
        Bucket bucket = bucketInRing(epochSecond);
        if (bucket != null && (newest == null || bucket.epochSecond > newest.epochSecond)) {
            latest = bucket;
        }
        return bucket;
    }

    private Bucket bucketInRing(long epochSecond) {
        int index = index(epochSecond);
        while (true) {
            Bucket current = buckets.get(index);
            if (current != null && current.epochSecond == epochSecond) {
                return current;
            }
            if (current != null && current.epochSecond > epochSecond) {
                return null; // older than the window: the slot already serves a newer second
            }
            Bucket fresh = new Bucket(epochSecond);
            if (buckets.compareAndSet(index, current, fresh)) {
                return fresh;
            }
        }
    }

    private int index(long epochSecond) {
        return (int) Math.floorMod(epochSecond, (long) windowSeconds);
    }
}
