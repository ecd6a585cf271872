package dev.agentmeter.alerts;

import java.util.Locale;
import java.util.Optional;

/** What an alert rule watches: the error rate in percent, or a response-time percentile in milliseconds. */
public enum AlertMetric {
    ERROR_RATE("percent", 0),
    P50("ms", 50),
    P95("ms", 95),
    P99("ms", 99);

    private final String unit;
    private final double percentile;

    AlertMetric(String unit, double percentile) {
        this.unit = unit;
        this.percentile = percentile;
    }

    /** As written in a rule and shown in the API: {@code error_rate}, {@code p95}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code percent} or {@code ms}. */
    public String unit() {
        return unit;
    }

    boolean isLatency() {
        return this != ERROR_RATE;
    }

    double percentile() {
        return percentile;
    }

    static Optional<AlertMetric> byWireName(String name) {
        for (AlertMetric metric : values()) {
            if (metric.wireName().equalsIgnoreCase(name)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
