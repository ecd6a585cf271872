package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small fixed log-linear histogram of microsecond latencies for one second of the time series:
 * 8 sub-buckets per power of two (12.5% wide, so a reported value is within about 6% of the truth),
 * 1 µs to 2^40 µs, O(1) and lock-free to record.
 * HdrHistogram's precision is for the cumulative figures; the chart needs only a compact approximation.
 *
 * <p>The counts are padded on both sides, as {@link RecordingHistogram}'s chunks are, so no other object
 * shares a cache line with them.
 *
 * <p>Thread-safe for concurrent recording; reading while writers record gives a near-instant view.
 */
final class LatencyBuckets {

    private static final int SUB_BUCKET_BITS = 3;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = SUB_BUCKETS + (MAX_EXPONENT - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;

    private static final int PADDING = RecordingHistogram.PADDING;

    // Incremented by recording threads at PADDING + index; read by snapshot threads.
    private final AtomicLongArray counts = new AtomicLongArray(PADDING + BUCKETS + PADDING);

    void record(long micros) {
        counts.incrementAndGet(PADDING + indexOf(micros));
    }

    /**
     * Adds every count into {@code target} (none when it is {@code null}: the second is gone) and zeroes it.
     * Nobody may record here meanwhile: {@link SecondLanes} calls it for a lane nobody else writes.
     */
    void drainInto(LatencyBuckets target) {
        for (int i = PADDING; i < PADDING + BUCKETS; i++) {
            long count = counts.get(i);
            if (count != 0) {
                counts.set(i, 0);
                if (target != null) {
                    target.counts.getAndAdd(i, count);
                }
            }
        }
    }

    /** Percentiles in milliseconds, clamped to the recorded range; {@code null} when nothing was recorded. */
    LatencySummary summary() {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        double weightedSum = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < BUCKETS; i++) {
            long count = counts.get(PADDING + i);
            snapshot[i] = count;
            if (count > 0) {
                total += count;
                weightedSum += count * (double) representative(i);
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (total == 0) {
            return null;
        }
        return new LatencySummary(weightedSum / total / 1000.0, representative(first) / 1000.0,
                representative(last) / 1000.0, percentile(snapshot, total, 50) / 1000.0,
                percentile(snapshot, total, 95) / 1000.0, percentile(snapshot, total, 99) / 1000.0);
    }

    private static long percentile(long[] counts, long total, double percent) {
        long rank = Math.max(1, (long) Math.ceil(total * percent / 100.0));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return representative(i);
            }
        }
        return representative(counts.length - 1);
    }

    static int indexOf(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) Math.max(0, micros);
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int subBucket = (int) (micros >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        return SUB_BUCKETS + (exponent - SUB_BUCKET_BITS) * SUB_BUCKETS + subBucket;
    }

    static long lowerBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = (index - SUB_BUCKETS) / SUB_BUCKETS + SUB_BUCKET_BITS;
        long subBucket = (index - SUB_BUCKETS) % SUB_BUCKETS;
        return (1L << exponent) + (subBucket << (exponent - SUB_BUCKET_BITS));
    }

    /** The middle of a bucket: the value reported for every latency that fell into it. */
    static long representative(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = (index - SUB_BUCKETS) / SUB_BUCKETS + SUB_BUCKET_BITS;
        long width = 1L << (exponent - SUB_BUCKET_BITS);
        return lowerBound(index) + width / 2;
    }
}
