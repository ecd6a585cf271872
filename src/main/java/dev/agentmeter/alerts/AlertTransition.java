package dev.agentmeter.alerts;

import java.time.Instant;

/**
 * An alert started or stopped firing.
 *
 * @param value the figure at the transition; null when the window emptied (nothing left to measure)
 * @param since when the alert started firing (for a firing transition, {@code at})
 * @param at    when the transition was seen
 */
public record AlertTransition(AlertRule rule, Kind kind, Double value, Instant since, Instant at) {

    /** Which way the alert went. */
    public enum Kind {
        FIRING, RESOLVED;

        public String wireName() {
            return this == FIRING ? "firing" : "resolved";
        }
    }
}
