package dev.agentmeter.retry;

import java.time.Duration;

/**
 * Exponential backoff: each failure doubles the wait, up to a cap; a success starts again from the first wait. The
 * one retry policy of the adapters that deliver elsewhere: the OTLP exporter's resends and the alert webhook's
 * retries. Hand-written because it is ten lines; the OpenTelemetry SDK's retry policy lives inside its exporter,
 * and a resilience library for this would weigh more than the code.
 *
 * <p>Not thread-safe: one sender uses it.
 */
public final class Backoff {

    private final Duration first;
    private final Duration cap;
    private Duration next;

    public Backoff(Duration first, Duration cap) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= cap, not " + first + " and " + cap);
        }
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    /** The wait before the next try; the one after it is twice as long, up to the cap. */
    public Duration nextWait() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return wait;
    }

    /** After a success: the next failure waits the first wait again. */
    public void reset() {
        next = first;
    }
}
