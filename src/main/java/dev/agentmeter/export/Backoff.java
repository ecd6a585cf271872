package dev.agentmeter.export;

import java.time.Duration;

/**
 * Exponential backoff: each failure doubles the wait, up to a cap; a success starts again from the first wait.
 * Not thread-safe: one sender uses it.
 */
final class Backoff {

    private final Duration first;
    private final Duration cap;
    private Duration next;

    Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    /** The wait before the next try; the one after it is twice as long, up to the cap. */
    Duration nextWait() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return wait;
    }

    void reset() {
        next = first;
    }
}
