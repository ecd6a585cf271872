package dev.agentmeter.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-task-name figures with a cap on distinct names, so a flood of unique names cannot grow memory
 * without bound: names beyond the cap share the {@link PerformanceMetrics#OTHER_TASKS} entry.
 *
 * <p>Thread-safe: any thread may look up a name; draining and reading follow {@link PhasedStats}.
 *
 * <p>{@link #all} sorts the rows it sorted last time: between two dashboard pushes few counts change, and
 * TimSort puts a nearly sorted array in order in about one comparison per row, where sorting 500 rows
 * from scratch was most of the cost of a snapshot.
 */
final class TaskTable {

    private static final int SIGNIFICANT_DIGITS = 2;
    private static final Comparator<Row> BUSIEST_FIRST = TaskTable::busiestFirst;

    private record Row(String name, PhasedStats stats) {
    }

    private final int maxNames;
    private final int significantDigits;
    private final LaneBudget lanes;
    // Added to by recording threads, never removed from (a reset replaces the whole table).
    private final ConcurrentHashMap<String, PhasedStats> byName = new ConcurrentHashMap<>();
    // Reserved by recording threads before adding a name, so the cap holds exactly under races.
    private final AtomicInteger reservedNames = new AtomicInteger();
    private final PhasedStats other;
    // Every name's row (and other's) in the order of the last all(); read and written only under the
    // snapshot lock of PerformanceMetrics, like the totals it sorts by.
    private Row[] rows = new Row[0];

    /** A table whose names' figures are split into the lanes {@code lanes} allows. */
    TaskTable(int maxNames, LaneBudget lanes) {
        this(maxNames, SIGNIFICANT_DIGITS, lanes);
    }

    /** A table whose histograms keep {@code significantDigits} (fewer digits, far less memory per name). */
    TaskTable(int maxNames, int significantDigits, LaneBudget lanes) {
        this.maxNames = maxNames;
        this.significantDigits = significantDigits;
        this.lanes = lanes;
        this.other = new PhasedStats(significantDigits, lanes);
    }

    PhasedStats statsFor(String name) {
        PhasedStats stats = byName.get(name);
        if (stats != null) {
            return stats;
        }
        if (reservedNames.incrementAndGet() > maxNames) {
            reservedNames.decrementAndGet();
            return other;
        }
        var created = new PhasedStats(significantDigits, lanes);
        PhasedStats existing = byName.putIfAbsent(name, created);
        if (existing != null) {
            reservedNames.decrementAndGet(); // another thread added the same name first
            return existing;
        }
        return created;
    }

    void drain(int quiescentPhase) {
        byName.values().forEach(stats -> stats.drain(quiescentPhase));
        other.drain(quiescentPhase);
    }

    /** Every name with at least one task, the busiest first. */
    List<TaskStats> all() {
        if (rows.length != byName.size() + 1) { // names were added since the last call: take them in
            var fresh = new ArrayList<Row>(byName.size() + 1);
            byName.forEach((name, stats) -> fresh.add(new Row(name, stats)));
            fresh.add(new Row(PerformanceMetrics.OTHER_TASKS, other));
            rows = fresh.toArray(Row[]::new);
        }
        Arrays.sort(rows, BUSIEST_FIRST);
        var result = new ArrayList<TaskStats>(rows.length);
        for (Row row : rows) {
            addIfRecorded(result, row.name(), row.stats());
        }
        return result;
    }

    Optional<TaskStats> one(String name) {
        PhasedStats stats = PerformanceMetrics.OTHER_TASKS.equals(name) ? other : byName.get(name);
        return stats == null || stats.totals().count() == 0 ? Optional.empty() : Optional.of(statsOf(name, stats));
    }

    /** Names known so far, for completion: at most the cap. */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private static int busiestFirst(Row a, Row b) {
        int byCount = Long.compare(b.stats().totals().count(), a.stats().totals().count());
        return byCount != 0 ? byCount : a.name().compareTo(b.name());
    }

    private static void addIfRecorded(List<TaskStats> result, String name, PhasedStats stats) {
        if (stats.totals().count() > 0) {
            result.add(statsOf(name, stats));
        }
    }

    private static TaskStats statsOf(String name, PhasedStats stats) {
        StatsTotals totals = stats.totals();
        return new TaskStats(name, totals.successes(), totals.failures(), totals.latency(), totals.lastRecordedAt());
    }
}
