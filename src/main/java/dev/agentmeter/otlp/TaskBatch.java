package dev.agentmeter.otlp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What an export request held for the task rules: the task objects (fields as in {@code POST /api/tasks}),
 * the label of the item task {@code i} came from (asked for refused tasks only, for the partial success
 * message), how many items were not tasks at all, and the senders ({@code service.name}) whose tasks carried
 * model usage.
 */
record TaskBatch(List<Map<String, Object>> tasks, IntFunction<String> labels, int ignored,
                 Set<String> sendersWithUsage) {
}
