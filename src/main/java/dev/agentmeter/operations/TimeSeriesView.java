package dev.agentmeter.operations;

import java.util.ArrayList;
import java.util.List;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TimeSeriesSnapshot;

/**
 * The per-second series in columns (the shape uPlot draws): one entry per second, oldest first;
 * latency columns hold null for seconds without tasks; token and cost columns hold 0 for seconds without
 * model calls or usage.
 */
public record TimeSeriesView(int intervalSeconds, int windowSeconds, List<Long> timestamps, List<Long> successes,
                             List<Long> failures, List<Double> p50Ms, List<Double> p95Ms, List<Double> p99Ms,
                             List<Long> inputTokens, List<Long> outputTokens, List<Double> costUsd) {

    /** A series without token and cost columns (all zero). */
    public TimeSeriesView(int intervalSeconds, int windowSeconds, List<Long> timestamps, List<Long> successes,
                          List<Long> failures, List<Double> p50Ms, List<Double> p95Ms, List<Double> p99Ms) {
        this(intervalSeconds, windowSeconds, timestamps, successes, failures, p50Ms, p95Ms, p99Ms,
                timestamps.stream().map(second -> 0L).toList(), timestamps.stream().map(second -> 0L).toList(),
                timestamps.stream().map(second -> 0.0).toList());
    }

    static TimeSeriesView of(TimeSeriesSnapshot series) {
        int size = series.points().size();
        var timestamps = new ArrayList<Long>(size);
        var successes = new ArrayList<Long>(size);
        var failures = new ArrayList<Long>(size);
        var p50 = new ArrayList<Double>(size);
        var p95 = new ArrayList<Double>(size);
        var p99 = new ArrayList<Double>(size);
        var inputTokens = new ArrayList<Long>(size);
        var outputTokens = new ArrayList<Long>(size);
        var costUsd = new ArrayList<Double>(size);
        for (TimeSeriesSnapshot.Point point : series.points()) {
            timestamps.add(point.epochSecond());
            successes.add(point.successes());
            failures.add(point.failures());
            boolean empty = point.latency() == null;
            p50.add(empty ? null : point.latency().p50Millis());
            p95.add(empty ? null : point.latency().p95Millis());
            p99.add(empty ? null : point.latency().p99Millis());
            inputTokens.add(point.inputTokens());
            outputTokens.add(point.outputTokens());
            costUsd.add(point.costNanoUsd() / (double) ModelCall.NANOS_PER_USD);
        }
        return new TimeSeriesView(1, size, timestamps, successes, failures, p50, p95, p99, inputTokens, outputTokens,
                costUsd);
    }
}
