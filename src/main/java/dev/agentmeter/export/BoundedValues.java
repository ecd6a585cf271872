package dev.agentmeter.export;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A set of label values that admits at most {@code max} distinct ones, so that no client can grow the number
 * of exported series without bound. Values are remembered for the life of the process: the exported counters
 * keep counting across resets, so their label values must stay the same too.
 *
 * <p>Thread-safe and lock-free; the cap holds exactly under races.
 */
final class BoundedValues {

    private final int max;
    // Added to by recording threads, never removed from.
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    // Reserved by recording threads before admitting a value, so the cap holds exactly under races.
    private final AtomicInteger reserved = new AtomicInteger();

    BoundedValues(int max) {
        this.max = max;
    }

    /** {@code value} if it is or can be admitted, otherwise {@code overflow}. */
    String admit(String value, String overflow) {
        if (admitted.contains(value)) {
            return value;
        }
        if (reserved.incrementAndGet() > max) {
            reserved.decrementAndGet();
            return overflow;
        }
        if (!admitted.add(value)) {
            reserved.decrementAndGet(); // another thread admitted the same value first
        }
        return value;
    }
}
