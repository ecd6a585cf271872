package dev.agentmeter.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import dev.agentmeter.metrics.ModelStats;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.metrics.TimeSeriesSnapshot;

/**
 * Gathers the figures of a {@link DiagnosisView} from the store: the overall, per-task and per-model figures
 * (with the costliest and the most failing model), the window's trend, its slowest tasks and its failures.
 * Lists are capped so that the whole fits in a prompt.
 *
 * <p>Thread-safe (reads only consistent snapshots of the store).
 */
final class DiagnosisFigures {

    static final int MAX_TASKS = 25;
    static final int MAX_MODELS = 25;
    static final int MAX_SLOWEST_REQUESTS = 5;
    static final int MAX_ERRORS = 20;
    static final int TREND_SLICES = 15;

    private final PerformanceMetrics metrics;

    DiagnosisFigures(PerformanceMetrics metrics) {
        this.metrics = metrics;
    }

    /** The figures about {@code task} (null for every task) with {@code window} as the recent past. */
    DiagnosisView of(String task, Duration window) {
        Instant since = metrics.now().minus(window);
        Predicate<TaskRecord> inScope = record -> !record.timestamp().isBefore(since)
                && (task == null || task.equals(record.name()));
        List<TaskStatsView> tasks = task == null
                ? metrics.taskStats().stream().limit(MAX_TASKS).map(TaskStatsView::of).toList()
                : metrics.taskStats(task).stream().map(TaskStatsView::of).toList();
        List<HistoryEntryView> slowest = metrics.history(metrics.capacities().historySize()).stream()
                .filter(inScope)
                .sorted(Comparator.comparingLong(TaskRecord::durationMicros).reversed())
                .limit(MAX_SLOWEST_REQUESTS)
                .map(HistoryEntryView::of)
                .toList();
        List<ErrorEntryView> errors = metrics.errors(metrics.capacities().errorLogSize()).stream()
                .filter(inScope)
                .limit(MAX_ERRORS)
                .map(ErrorEntryView::of)
                .toList();
        List<ModelStats> models = metrics.modelStats();
        return new DiagnosisView(task, written(window), MetricsView.of(metrics.snapshot()), tasks,
                recent(metrics.timeSeries(), window.toSeconds()), slowest, errors,
                models.stream().limit(MAX_MODELS).map(ModelStatsView::of).toList(), costliest(models),
                mostFailing(models));
    }

    private static String costliest(List<ModelStats> models) {
        return models.stream().filter(stats -> costNanoUsd(stats) > 0)
                .max(Comparator.comparingLong(DiagnosisFigures::costNanoUsd))
                .map(ModelStats::model).orElse(null);
    }

    private static String mostFailing(List<ModelStats> models) {
        return models.stream().filter(stats -> stats.failedRequests() > 0)
                .max(Comparator.comparingLong(ModelStats::failedRequests).thenComparingDouble(ModelStats::errorRate))
                .map(ModelStats::model).orElse(null);
    }

    private static long costNanoUsd(ModelStats stats) {
        Long cost = stats.usage().costNanoUsd();
        return cost == null ? 0 : cost;
    }

    /** {@code 15m}, {@code 90s}, {@code 1h}: the largest unit that divides the window. */
    static String written(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static WindowView recent(TimeSeriesSnapshot series, long windowSeconds) {
        List<TimeSeriesSnapshot.Point> all = series.points();
        List<TimeSeriesSnapshot.Point> points = all.subList((int) Math.max(0, all.size() - windowSeconds), all.size());
        long sliceSeconds = Math.max(1, (points.size() + TREND_SLICES - 1) / TREND_SLICES);
        var trend = new ArrayList<WindowView.TrendPoint>();
        for (int start = 0; start < points.size(); start += (int) sliceSeconds) {
            List<TimeSeriesSnapshot.Point> slice = points.subList(start, (int) Math.min(points.size(), start + sliceSeconds));
            trend.add(new WindowView.TrendPoint(IsoTimestamps.format(Instant.ofEpochSecond(slice.get(0).epochSecond())),
                    slice.size(), requests(slice), failures(slice), worstP95(slice)));
        }
        long total = requests(points);
        long failed = failures(points);
        long seconds = Math.max(1, points.size());
        return new WindowView(points.size(), total, failed, percent(failed, total),
                Math.round(total * 6000.0 / seconds) / 100.0, worstP95(points), trend);
    }

    private static long requests(List<TimeSeriesSnapshot.Point> points) {
        return points.stream().mapToLong(point -> point.successes() + point.failures()).sum();
    }

    private static long failures(List<TimeSeriesSnapshot.Point> points) {
        return points.stream().mapToLong(TimeSeriesSnapshot.Point::failures).sum();
    }

    private static Double worstP95(List<TimeSeriesSnapshot.Point> points) {
        return points.stream().filter(point -> point.latency() != null)
                .mapToDouble(point -> point.latency().p95Millis()).boxed().max(Double::compare).orElse(null);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 100.0;
    }
}
