package dev.agentmeter.metrics;

import java.util.Comparator;

/**
 * Everything recorded since the last reset. A reset swaps in a new generation, so a task recorded while a
 * reset happens lands wholly in the old or wholly in the new one, never half in each.
 */
final class Generation {

    private static final int OVERALL_SIGNIFICANT_DIGITS = 3;

    /**
     * Lane accumulators the task names of one generation may make together (see {@link LaneBudget}): 20
     * names written from 8 lanes in both phases fit; each costs a 2-digit histogram, at most about 50 KB
     * (durations over the whole range up to a year: 16 MB for all), about 20 KB for durations from 1 ms to 10 s.
     */
    static final int TASK_NAME_LANE_ACCUMULATORS = 320;

    /** The order of the history and error log across stripes (see {@link StripedRing}). */
    private static final Comparator<TaskRecord> BY_TIMESTAMP = Comparator.comparing(TaskRecord::timestamp);

    final PhasedStats overall;
    final PhasedUsage usage = new PhasedUsage();
    final ModelTable models = new ModelTable(PerformanceMetrics.MAX_MODELS);
    final TaskTable tasks;
    final StripedRing<TaskRecord> history;
    final StripedRing<TaskRecord> errors;
    final SecondSeries series;
    final AgentTable agents;

    Generation(MetricsCapacities capacities, WriterStripes stripes, StripedPhaser phaser, WriterLanes writerLanes) {
        int lanes = writerLanes.count();
        overall = new PhasedStats(OVERALL_SIGNIFICANT_DIGITS, new LaneBudget(lanes, 2 * lanes));
        tasks = new TaskTable(capacities.maxTaskNames(), new LaneBudget(lanes, TASK_NAME_LANE_ACCUMULATORS));
        history = new StripedRing<>(capacities.historySize(), stripes.count(), BY_TIMESTAMP);
        errors = new StripedRing<>(capacities.errorLogSize(), stripes.count(), BY_TIMESTAMP);
        series = new SecondSeries((int) capacities.timeSeriesWindow().toSeconds(),
                new SecondLanes(phaser));
        agents = new AgentTable(PerformanceMetrics.MAX_AGENTS, PerformanceMetrics.MAX_TASK_NAMES_PER_AGENT,
                (int) capacities.timeSeriesWindow().toSeconds());
    }

    /**
     * Records {@code task} for a writer that entered the phaser on {@code stripe} (see {@link WriterStripes})
     * with {@code valueAtEnter}, its figures' lane being {@code lane} (see {@link WriterLanes}).
     */
    void record(int stripe, int lane, long valueAtEnter, TaskRecord task) {
        int phase = StripedPhaser.phaseOf(valueAtEnter);
        overall.record(phase, lane, task);
        tasks.statsFor(task.name()).record(phase, lane, task);
        ModelCall call = task.modelCall();
        series.record(stripe, valueAtEnter, task.timestamp().getEpochSecond(), task.durationMicros(),
                task.success(), call);
        if (call != null) {
            usage.record(phase, call);
            if (call.model() != null) {
                models.figuresFor(call.model()).record(phase, lane, task);
            }
        }
        if (task.agent() != null) {
            agents.figuresFor(task.agent()).record(phase, lane, task);
        }
        history.append(stripe, task);
        if (!task.success()) {
            errors.append(stripe, task);
        }
    }

    /** Tokens and cost that came without a task: counted in the totals, under the model and per second. */
    void recordUsage(int phase, String agent, ModelCall call, long epochSecond) {
        usage.record(phase, call);
        if (call.model() != null) {
            models.figuresFor(call.model()).recordUsage(phase, call);
        }
        series.recordUsage(epochSecond, call);
        if (agent != null) {
            agents.figuresFor(agent).recordUsage(epochSecond, call);
        }
    }

    void drain(int quiescentPhase) {
        overall.drain(quiescentPhase);
        series.drain(quiescentPhase);
        usage.drain(quiescentPhase);
        models.drain(quiescentPhase);
        tasks.drain(quiescentPhase);
        agents.drain(quiescentPhase);
    }
}
