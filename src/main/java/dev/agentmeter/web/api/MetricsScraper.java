package dev.agentmeter.web.api;

/** Writes the Prometheus exposition for {@code GET /metrics}; implemented by the exporter. Thread-safe. */
@FunctionalInterface
public interface MetricsScraper {

    /** The exposition in the format the {@code Accept} header asks for ({@code null} when there is none). */
    Exposition scrape(String acceptHeader);

    /** A written exposition. */
    record Exposition(String contentType, String body) {
    }
}
