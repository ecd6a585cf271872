package dev.agentmeter.otlp;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an export request held for the task rules: the task objects (fields as in {@code POST /api/tasks}),
 * a label per task that says which item it came from (for the partial success message), how many items
 * were not tasks at all, and the senders ({@code service.name}) whose tasks carried model usage.
 */
record TaskBatch(List<Map<String, Object>> tasks, List<String> labels, int ignored, Set<String> sendersWithUsage) {

    TaskBatch {
        if (tasks.size() != labels.size()) {
            throw new IllegalArgumentException("one label per task");
        }
    }
}
