package dev.agentmeter.metrics;

import java.util.function.LongSupplier;

/**
 * Everything recorded since the last reset. A reset swaps in a new generation, so a task recorded while a
 * reset happens lands wholly in the old or wholly in the new one, never half in each.
 */
final class Generation {

    private static final int OVERALL_SIGNIFICANT_DIGITS = 3;

    final PhasedStats overall = new PhasedStats(OVERALL_SIGNIFICANT_DIGITS);
    final PhasedUsage usage = new PhasedUsage();
    final ModelTable models = new ModelTable(PerformanceMetrics.MAX_MODELS);
    final TaskTable tasks;
    final StripedRing<TaskRecord> history;
    final StripedRing<TaskRecord> errors;
    final SecondSeries series;
    final AgentTable agents;

    Generation(MetricsCapacities capacities, WriterStripes stripes, LongSupplier nanoTime) {
        tasks = new TaskTable(capacities.maxTaskNames());
        history = new StripedRing<>(capacities.historySize(), stripes.count(), nanoTime);
        errors = new StripedRing<>(capacities.errorLogSize(), stripes.count(), nanoTime);
        series = new SecondSeries((int) capacities.timeSeriesWindow().toSeconds());
        agents = new AgentTable(PerformanceMetrics.MAX_AGENTS, PerformanceMetrics.MAX_TASK_NAMES_PER_AGENT,
                (int) capacities.timeSeriesWindow().toSeconds());
    }

    /** Records {@code task} for a writer on {@code stripe} (see {@link WriterStripes}). */
    void record(int phase, int stripe, TaskRecord task) {
        overall.record(phase, task);
        tasks.statsFor(task.name()).record(phase, task);
        ModelCall call = task.modelCall();
        series.record(task.timestamp().getEpochSecond(), task.durationMicros(), task.success(), call);
        if (call != null) {
            usage.record(phase, call);
            if (call.model() != null) {
                models.figuresFor(call.model()).record(phase, task);
            }
        }
        if (task.agent() != null) {
            agents.figuresFor(task.agent()).record(phase, task);
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
        usage.drain(quiescentPhase);
        models.drain(quiescentPhase);
        tasks.drain(quiescentPhase);
        agents.drain(quiescentPhase);
    }
}
