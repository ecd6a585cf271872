package dev.agentmeter.metrics;

import java.util.List;

/**
 * Per-second throughput, latency, tokens and cost over a recent window, oldest second first, one point per second
 * (seconds without tasks included, with zero counts and no latency).
 */
public record TimeSeriesSnapshot(List<Point> points) {

    public TimeSeriesSnapshot {
        points = List.copyOf(points);
    }

    /**
     * One second of the window.
     *
     * @param latency      approximate percentiles (within about 6%) for the tasks of that second;
     *                     {@code null} when the second had none
     * @param inputTokens  input tokens of the second's model calls and usage (cached ones included)
     * @param costNanoUsd  the known cost of the second's model calls and usage, in 1e-9 US dollars
     */
    public record Point(long epochSecond, long successes, long failures, LatencySummary latency,
                        long inputTokens, long outputTokens, long costNanoUsd) {

        /** A second without model calls. */
        public Point(long epochSecond, long successes, long failures, LatencySummary latency) {
            this(epochSecond, successes, failures, latency, 0, 0, 0);
        }
    }
}
