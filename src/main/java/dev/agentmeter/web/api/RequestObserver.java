package dev.agentmeter.web.api;

/**
 * Told of every answer of the JSON API, for self-monitoring. {@code route} is the route table's path, or
 * {@value #UNMATCHED} for a path that has none, so its values stay bounded. Implementations are thread-safe
 * and return at once.
 */
@FunctionalInterface
public interface RequestObserver {

    String UNMATCHED = "unmatched";

    RequestObserver NONE = (route, method, status, durationNanos) -> { };

    void observe(String route, String method, int status, long durationNanos);
}
