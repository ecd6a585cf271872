package dev.agentmeter.proxy;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The body of {@code POST /api/tasks}: a JSON array of
 * {@code {"name", "duration_ms", "success", "error", "agent"}}. Thread-safe (stateless).
 */
final class ReportBatches {

    /** The most tasks one request may carry. */
    static final int MAX_BATCH = 1_000;

    private final ObjectMapper json;

    ReportBatches(ObjectMapper json) {
        this.json = json;
    }

    byte[] body(List<TaskRecord> tasks) {
        ArrayNode array = json.createArrayNode();
        for (TaskRecord task : tasks) {
            var item = array.addObject();
            item.put("name", task.name());
            item.put("duration_ms", task.durationMillis());
            item.put("success", task.success());
            item.put("error", task.error());
            item.put("agent", task.agent());
        }
        try {
            return json.writeValueAsBytes(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and booleans always serializes", e);
        }
    }
}
