package dev.agentmeter.export;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;

/**
 * The label values a recorded task gets on the exported series: {@code task} and {@code agent}, each bounded
 * like the core's tables, so no client can grow the number of series without bound.
 * <ul>
 *   <li>{@code task}: the first {@code maxNames} distinct names have their own value, later ones share
 *       {@link PerformanceMetrics#OTHER_TASKS}; and at most {@code maxNames} distinct (agent, task) pairs have
 *       their own task value, later pairs share {@code other} too, so agents times names stays bounded.</li>
 *   <li>{@code agent}: the first {@link PerformanceMetrics#MAX_AGENTS} distinct agents have their own value,
 *       later ones share {@link PerformanceMetrics#OTHER_AGENTS}; a task without an agent has the empty value,
 *       which Prometheus treats as no label.</li>
 * </ul>
 * Values are remembered for the life of the process (a reset of the figures keeps them), because the exported
 * counters keep counting across resets too.
 *
 * <p>Thread-safe and lock-free.
 */
final class TaskLabels {

    /** The label names, in the order {@link #of} gives their values. */
    static final String[] NAMES = {"task", "agent"};

    private final BoundedValues names;
    private final BoundedValues agents = new BoundedValues(PerformanceMetrics.MAX_AGENTS);
    private final BoundedValues pairs;

    TaskLabels(int maxNames) {
        this.names = new BoundedValues(maxNames);
        this.pairs = new BoundedValues(maxNames);
    }

    /**
     * The {@code agent} label value of a task or usage by {@code agent} (empty for none), the same on every
     * series that has an agent label.
     */
    String agent(String agent) {
        return agent == null ? "" : agents.admit(agent, PerformanceMetrics.OTHER_AGENTS);
    }

    /** The label values for {@code task}, matching {@link #NAMES}. */
    String[] of(TaskRecord task) {
        String agent = agent(task.agent());
        String name = names.admit(task.name(), PerformanceMetrics.OTHER_TASKS);
        String pair = agent + '\u0000' + name;
        boolean ownPair = pairs.admit(pair, null) != null;
        return new String[] {ownPair ? name : PerformanceMetrics.OTHER_TASKS, agent};
    }
}
