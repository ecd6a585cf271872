package dev.agentmeter.metrics;

import java.util.List;

/**
 * Per-second throughput and latency over a recent window, oldest second first, one point per second
 * (seconds without tasks included, with zero counts and no latency).
 */
public record TimeSeriesSnapshot(List<Point> points) {

    public TimeSeriesSnapshot {
        points = List.copyOf(points);
    }

    /**
     * One second of the window.
     *
     * @param latency approximate percentiles (within about 6%) for the tasks of that second;
     *                {@code null} when the second had none
     */
    public record Point(long epochSecond, long successes, long failures, LatencySummary latency) {
    }
}
