package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.HdrHistogram.Histogram;

/**
 * The writer side of an HdrHistogram {@link Histogram}: counts in the same bucket layout (same significant
 * digits, lowest discernible value 1), recorded lock-free by many writers, then drained into a Histogram by
 * one reader, so percentiles come out exactly as if the values had been recorded there.
 *
 * <p>Why not {@code ConcurrentHistogram}: it pays for resizing under writers with a phaser of its own, so
 * one value costs four atomic operations (phaser enter and exit, count, total) and reading it back takes a
 * reader lock for every index. Here the store's own phaser ({@link StripedPhaser}) already keeps
 * the drainer apart from writers, so a value costs one atomic increment and a drain reads plain counts.
 * Counts live in chunks of one power-of-two range each, created by the first value in that range, so memory
 * follows the range of values seen, as an auto-resizing histogram's does.
 *
 * <p>Each chunk has {@value #PADDING} unused longs (128 bytes) before and after its counts: the garbage
 * collector packs live objects tightly, and a chunk's first or last counts would otherwise share a cache line
 * with whatever it put next to them (a hash-map node every record reads, say), so each count written by one
 * core would slow the other core's reads.
 *
 * <p>Thread-safe for concurrent {@link #record}; {@link #drainInto} must not race with writers.
 */
final class RecordingHistogram {

    static final int PADDING = 16;

    private final int chunkMagnitude;
    private final int chunkLength;
    private final long subBucketMask;
    private final int leadingZeroCountBase;
    // A chunk is installed by the first writer of its range (CAS, never replaced); its counts are
    // incremented by writers and read and zeroed by the drainer while writers are held off by the phaser.
    private final AtomicReferenceArray<AtomicLongArray> chunks;

    RecordingHistogram(int significantDigits) {
        // HdrHistogram's layout (see AbstractHistogram#init with lowestDiscernibleValue 1): sub-buckets of
        // unit width up to 2 * 10^digits, rounded to a power of two; each further bucket doubles the width.
        long largestValueWithSingleUnitResolution = 2 * (long) Math.pow(10, significantDigits);
        int subBucketCountMagnitude = (int) Math.ceil(Math.log(largestValueWithSingleUnitResolution) / Math.log(2));
        chunkMagnitude = subBucketCountMagnitude - 1;
        chunkLength = 1 << chunkMagnitude;
        subBucketMask = (1L << subBucketCountMagnitude) - 1;
        leadingZeroCountBase = 64 - chunkMagnitude - 1;
        chunks = new AtomicReferenceArray<>(leadingZeroCountBase + 1); // the top bucket's chunk is lzcb
    }

    /** Counts one value; {@code value} must not be negative. */
    void record(long value) {
        int index = indexOf(value);
        int chunkIndex = index >>> chunkMagnitude;
        AtomicLongArray chunk = chunks.get(chunkIndex);
        if (chunk == null) {
            chunk = install(chunkIndex);
        }
        chunk.getAndIncrement(PADDING + (index & (chunkLength - 1)));
    }

    /**
     * Adds every count into {@code target} (of the same significant digits, auto-resizing) and zeroes it.
     *
     * @return how many values were drained
     */
    long drainInto(Histogram target) {
        long drained = 0;
        for (int chunkIndex = 0; chunkIndex < chunks.length(); chunkIndex++) {
            AtomicLongArray chunk = chunks.get(chunkIndex);
            if (chunk == null) {
                continue;
            }
            for (int offset = 0; offset < chunkLength; offset++) {
                long count = chunk.get(PADDING + offset);
                if (count != 0) {
                    target.recordValueWithCount(valueOf((chunkIndex << chunkMagnitude) + offset), count);
                    // The next writers of this phase start after the next phase flip, which orders this store
                    // before their increments: no fence needed here.
                    chunk.setRelease(PADDING + offset, 0);
                    drained += count;
                }
            }
        }
        return drained;
    }

    /** The flat index: bucket 0 spans two chunks (sub-buckets 0 to 2^m - 1), bucket b >= 1 chunk b + 1. */
    private int indexOf(long value) {
        int bucket = leadingZeroCountBase - Long.numberOfLeadingZeros(value | subBucketMask);
        int subBucket = (int) (value >>> bucket);
        return (bucket << chunkMagnitude) + subBucket;
    }

    /** The lowest value of a flat index's sub-bucket: it lands in the same bucket of the target. */
    private long valueOf(int index) {
        int bucket = Math.max(0, (index >>> chunkMagnitude) - 1);
        long subBucket = index - ((long) bucket << chunkMagnitude);
        return subBucket << bucket;
    }

    private AtomicLongArray install(int chunkIndex) {
        var fresh = new AtomicLongArray(PADDING + chunkLength + PADDING);
        return chunks.compareAndSet(chunkIndex, null, fresh) ? fresh : chunks.get(chunkIndex);
    }
}
