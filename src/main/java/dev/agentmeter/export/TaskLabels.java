package dev.agentmeter.export;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;

/**
 * The label values a recorded task gets on the exported series. The {@code task} label is bounded like the
 * core's per-task table: the first {@code maxNames} distinct names have their own value, later ones share
 * {@link PerformanceMetrics#OTHER_TASKS}, so no client can grow the number of series without bound. Names
 * are remembered for the life of the process (a reset of the figures keeps them), because the exported
 * counters keep counting across resets too.
 *
 * <p>To add a label (an agent, say), append its name to {@link #NAMES} and its value in {@link #of}.
 *
 * <p>Thread-safe and lock-free.
 */
final class TaskLabels {

    /** The label names, in the order {@link #of} gives their values. */
    static final String[] NAMES = {"task"};

    private final int maxNames;
    // Added to by recording threads, never removed from.
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    // Reserved by recording threads before admitting a name, so the cap holds exactly under races.
    private final AtomicInteger reserved = new AtomicInteger();

    TaskLabels(int maxNames) {
        this.maxNames = maxNames;
    }

    /** The label values for {@code task}, matching {@link #NAMES}. */
    String[] of(TaskRecord task) {
        return new String[] {taskName(task.name())};
    }

    private String taskName(String name) {
        if (admitted.contains(name)) {
            return name;
        }
        if (reserved.incrementAndGet() > maxNames) {
            reserved.decrementAndGet();
            return PerformanceMetrics.OTHER_TASKS;
        }
        if (!admitted.add(name)) {
            reserved.decrementAndGet(); // another thread admitted the same name first
        }
        return name;
    }
}
