package dev.agentmeter.metrics;

/**
 * Everything kept for one agent: its overall figures, its per-task table and its per-second series (with
 * the tokens and cost of its model calls and usage).
 * Histograms keep one significant digit (within about 6%, like the time series' buckets): an agent's
 * figures are a breakdown, and a name's histograms at one digit take about a tenth of the memory.
 *
 * <p>Thread-safe under the protocol of {@link PerformanceMetrics}, like {@link PhasedStats}.
 */
final class AgentFigures {

    private static final int SIGNIFICANT_DIGITS = 1;

    final PhasedStats overall = new PhasedStats(SIGNIFICANT_DIGITS);
    final TaskTable tasks;
    final SecondSeries series;

    AgentFigures(int maxTaskNames, int windowSeconds) {
        tasks = new TaskTable(maxTaskNames, SIGNIFICANT_DIGITS, LaneBudget.SHARED);
        series = new SecondSeries(windowSeconds);
    }

    /** Records {@code task}; an agent's figures have no lanes, so {@code lane} only passes through. */
    void record(int phase, int lane, TaskRecord task) {
        overall.record(phase, lane, task);
        tasks.statsFor(task.name()).record(phase, lane, task);
        series.record(task.timestamp().getEpochSecond(), task.durationMicros(), task.success(), task.modelCall());
    }

    void recordUsage(long epochSecond, ModelCall usage) {
        series.recordUsage(epochSecond, usage);
    }

    void drain(int quiescentPhase) {
        overall.drain(quiescentPhase);
        tasks.drain(quiescentPhase);
    }
}
