package dev.agentmeter.web;

/** What answers one route of the JSON API. */
@FunctionalInterface
interface ApiEndpoint {

    /** Answers {@code exchange}, now or later, exactly once. */
    void serve(ApiExchange exchange);
}
