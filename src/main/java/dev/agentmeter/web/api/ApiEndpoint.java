package dev.agentmeter.web.api;

/** What answers one route of the JSON API. */
@FunctionalInterface
public interface ApiEndpoint {

    /** Answers {@code exchange}, now or later, exactly once. */
    void serve(ApiExchange exchange);
}
