package dev.agentmeter.web.guard;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address. Each address has its own bucket, so one noisy client runs dry
 * without touching anyone else's. Memory is bounded: at most {@code maxClients} buckets are kept; when the
 * table is full, buckets that have refilled completely (equal to a new one, so forgetting them loses
 * nothing) are dropped, and if none has, further new addresses share one overflow bucket. An attacker with
 * many addresses can then only crowd the other newcomers, never the clients already known.
 *
 * <p>Thread-safe and lock-free on the table; each bucket briefly locks itself.
 */
public final class ClientRateLimiter {

    /** Whether a request may go on, and if not, how long until it could. */
    sealed interface Decision permits Allowed, Limited {
    }

    record Allowed() implements Decision {
    }

    /** @param retryAfterSeconds whole seconds until the bucket holds a permit again, at least 1 */
    record Limited(long retryAfterSeconds) implements Decision {
    }

    private static final Allowed ALLOWED = new Allowed();

    private final RateLimit limit;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final long nanosPerPermit;
    // Written and read by request threads.
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;

    public ClientRateLimiter(RateLimit limit, int maxClients, LongSupplier nanoTime) {
        if (limit.isOff() || maxClients < 1) {
            throw new IllegalArgumentException("a limiter needs a limit and room for at least one client");
        }
        this.limit = limit;
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
        this.nanosPerPermit = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / limit.permitsPerSecond()));
        this.overflow = new Bucket(nanoTime.getAsLong());
    }

    /** Takes one permit from {@code client}'s bucket, if it has one. */
    Decision acquire(String client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = bucketForNewcomer(client, now);
        }
        long waitNanos = bucket.take(now);
        if (waitNanos == 0) {
            return ALLOWED;
        }
        return new Limited(Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1)));
    }

    /** Client buckets kept right now (not counting the shared overflow bucket). */
    int trackedClients() {
        return buckets.size();
    }

    private Bucket bucketForNewcomer(String client, long now) {
        if (buckets.size() >= maxClients) {
            forgetFullBuckets(now);
            if (buckets.size() >= maxClients) {
                return overflow;
            }
        }
        return buckets.computeIfAbsent(client, key -> new Bucket(now));
    }

    private void forgetFullBuckets(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().isFull(now)) {
                it.remove();
            }
        }
    }

    /**
     * A token bucket kept as one instant: the bucket holds {@code (now - readyAtNanos) / nanosPerPermit}
     * permits, at most {@code burst}; taking one moves the instant forward by one permit's worth.
     */
    private final class Bucket {
        // Guarded by this bucket.
        private long readyAtNanos;

        Bucket(long now) {
            this.readyAtNanos = now - burstNanos();
        }

        /** 0 when a permit was taken, else nanoseconds until one is free. */
        synchronized long take(long now) {
            long start = Math.max(readyAtNanos, now - burstNanos());
            long next = start + nanosPerPermit;
            if (next > now) {
                return next - now;
            }
            readyAtNanos = next;
            return 0;
        }

        synchronized boolean isFull(long now) {
            return readyAtNanos <= now - burstNanos();
        }

        private long burstNanos() {
            return nanosPerPermit * limit.burst();
        }
    }
}
