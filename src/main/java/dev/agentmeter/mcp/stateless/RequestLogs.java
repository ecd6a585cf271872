package dev.agentmeter.mcp.stateless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.agentmeter.mcp.LogTexts;

/**
 * Logging as 2026-07-28 provides it: request-scoped. A request that names a level in its {@code _meta} hears,
 * before its answer, the log messages its own call caused (a failed task it recorded or simulated, a reset), with
 * the words the 2025-11-25 sessions hear for the same events; a request without a level hears none, as the
 * specification requires. One call causes at most one message, so nothing here needs a rate limit.
 *
 * <p>Thread-safe (stateless).
 */
final class RequestLogs {

    private RequestLogs() {
    }

    /** The {@code notifications/message} params that the tool call {@code params}, answered {@code result}, caused. */
    static List<Map<String, Object>> of(RequestMeta meta, Map<String, Object> params, Map<String, Object> result) {
        if (meta.logLevel() == null || !(result.get("structuredContent") instanceof Map<?, ?> envelope)
                || !"success".equals(envelope.get("status")) || !(envelope.get("data") instanceof Map<?, ?> data)) {
            return List.of();
        }
        Map<?, ?> arguments = params.get("arguments") instanceof Map<?, ?> given ? given : Map.of();
        var messages = new ArrayList<Map<String, Object>>();
        switch (String.valueOf(params.get("name"))) {
            case "simulate_agent_task" -> {
                if (Boolean.FALSE.equals(data.get("success")) && data.get("response_time_ms") instanceof Number ms) {
                    add(messages, meta, "warning", LogTexts.failedTask(String.valueOf(data.get("name")),
                            ms.doubleValue(), String.valueOf(data.get("error"))));
                }
            }
            case "record_agent_task" -> {
                if (Boolean.FALSE.equals(arguments.get("success")) && arguments.get("duration_ms") instanceof Number ms) {
                    add(messages, meta, "warning", LogTexts.failedTask(String.valueOf(arguments.get("name")),
                            ms.doubleValue(), String.valueOf(arguments.get("error"))));
                }
            }
            case "reset_performance_metrics" -> {
                if (data.get("cleared_requests") instanceof Number cleared) {
                    add(messages, meta, "notice", LogTexts.reset(cleared.longValue()));
                }
            }
            default -> {
            }
        }
        return messages;
    }

    private static void add(List<Map<String, Object>> messages, RequestMeta meta, String level, String text) {
        if (meta.wantsLog(level)) {
            var message = new LinkedHashMap<String, Object>();
            message.put("level", level);
            message.put("logger", LogTexts.LOGGER);
            message.put("data", text);
            messages.add(message);
        }
    }
}
