package dev.agentmeter.mcp.stateless;

import java.util.List;
import java.util.Map;

/**
 * The whole answer to one request: the log messages it caused (params of {@code notifications/message}, sent first,
 * on the request's own stream) and then its answer.
 */
public record Reply(List<Map<String, Object>> logs, Answer answer) {

    static Reply of(Answer answer) {
        return new Reply(List.of(), answer);
    }
}
