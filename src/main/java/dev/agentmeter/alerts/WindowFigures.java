package dev.agentmeter.alerts;

import java.util.OptionalDouble;

import org.HdrHistogram.Histogram;

/**
 * What a {@link SlidingWindow} held at one moment. Owned by one thread (the evaluator); not thread-safe.
 *
 * @param latency response times in microseconds
 */
record WindowFigures(long successes, long failures, Histogram latency) {

    long total() {
        return successes + failures;
    }

    /** The metric's value, or empty when the window has no task (so nothing can breach). */
    OptionalDouble value(AlertMetric metric) {
        if (total() == 0) {
            return OptionalDouble.empty();
        }
        if (metric == AlertMetric.ERROR_RATE) {
            return OptionalDouble.of(failures * 100.0 / total());
        }
        // The lowest value of the bucket, so a figure exactly at the threshold does not breach it.
        return OptionalDouble.of(latency.lowestEquivalentValue(latency.getValueAtPercentile(metric.percentile()))
                / 1000.0);
    }
}
