package dev.agentmeter.metrics;

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
    final EntryRing<TaskRecord> history;
    final EntryRing<TaskRecord> errors;
    final SecondSeries series;
    final AgentTable agents;

    Generation(MetricsCapacities capacities) {
        tasks = new TaskTable(capacities.maxTaskNames());
        history = new EntryRing<>(capacities.historySize());
        errors = new EntryRing<>(capacities.errorLogSize());
        series = new SecondSeries((int) capacities.timeSeriesWindow().toSeconds());
        agents = new AgentTable(PerformanceMetrics.MAX_AGENTS, PerformanceMetrics.MAX_TASK_NAMES_PER_AGENT,
                (int) capacities.timeSeriesWindow().toSeconds());
    }

    void record(int phase, TaskRecord task) {
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
        history.append(task);
        if (!task.success()) {
            errors.append(task);
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
