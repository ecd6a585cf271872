package dev.agentmeter.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The baseline: the original design's store, written the obvious way. One lock around everything, a
 * dictionary of counters per task name, global min/max/sum, a history deque capped at 100 and an error
 * deque capped at 50. Percentiles are computed on read by sorting the durations of the bounded history
 * (the newest 100 tasks), as the design did; recording keeps no histogram.
 *
 * <p>Thread-safe: every method holds {@link #lock}.
 */
final class NaiveMetrics {

    static final int HISTORY_SIZE = 100;
    static final int ERROR_LOG_SIZE = 50;

    /** Counters of one task name; guarded by the store's lock. */
    static final class Counters {
        long successes;
        long failures;
        long sumMicros;
        long minMicros = Long.MAX_VALUE;
        long maxMicros = Long.MIN_VALUE;
    }

    /** What the naive store reports: counts, extremes, and percentiles of the history sample. */
    record Snapshot(long successes, long failures, double avgMillis, double minMillis, double maxMillis,
                    double p50Millis, double p95Millis, double p99Millis, List<TaskRecord> recent) {
    }

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    // All fields below are guarded by lock.
    private final Map<String, Counters> byName = new HashMap<>();
    private final Counters overall = new Counters();
    private final ArrayDeque<TaskRecord> history = new ArrayDeque<>(HISTORY_SIZE + 1);
    private final ArrayDeque<TaskRecord> errors = new ArrayDeque<>(ERROR_LOG_SIZE + 1);

    NaiveMetrics(Clock clock) {
        this.clock = clock;
    }

    TaskRecord record(String name, Duration duration, boolean success, String error) {
        var task = new TaskRecord(name, (duration.toNanos() + 500) / 1_000, success, error, clock.instant());
        record(task);
        return task;
    }

    void record(TaskRecord task) {
        lock.lock();
        try {
            add(overall, task);
            add(byName.computeIfAbsent(task.name(), name -> new Counters()), task);
            append(history, task, HISTORY_SIZE);
            if (!task.success()) {
                append(errors, task, ERROR_LOG_SIZE);
            }
        } finally {
            lock.unlock();
        }
    }

    Snapshot snapshot() {
        lock.lock();
        try {
            long[] sample = history.stream().mapToLong(TaskRecord::durationMicros).toArray();
            Arrays.sort(sample);
            long count = overall.successes + overall.failures;
            return new Snapshot(overall.successes, overall.failures,
                    count == 0 ? 0 : overall.sumMicros / 1000.0 / count,
                    overall.minMicros / 1000.0, overall.maxMicros / 1000.0,
                    percentile(sample, 50), percentile(sample, 95), percentile(sample, 99),
                    new ArrayList<>(history));
        } finally {
            lock.unlock();
        }
    }

    private static void add(Counters counters, TaskRecord task) {
        if (task.success()) {
            counters.successes++;
        } else {
            counters.failures++;
        }
        counters.sumMicros += task.durationMicros();
        counters.minMicros = Math.min(counters.minMicros, task.durationMicros());
        counters.maxMicros = Math.max(counters.maxMicros, task.durationMicros());
    }

    private static void append(ArrayDeque<TaskRecord> deque, TaskRecord task, int capacity) {
        deque.addLast(task);
        if (deque.size() > capacity) {
            deque.removeFirst();
        }
    }

    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(sorted.length * percent / 100.0);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }
}
