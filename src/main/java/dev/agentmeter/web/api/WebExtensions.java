package dev.agentmeter.web.api;

import java.util.function.Consumer;
import java.util.function.Function;

import dev.agentmeter.operations.AlertOperations;
import dev.agentmeter.operations.AlertSource;
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.Envelope;

/**
 * What the wiring adds to the web server beyond the core operations: the Prometheus exposition
 * ({@code GET /metrics}), the server-health figures ({@code GET /api/server}), the firing alerts
 * ({@code GET /api/alerts}, and an {@code alerts} field in every live event), and an observer of every API
 * answer. Immutable.
 *
 * @param alertChanges subscribes a listener to alert transitions, so the event stream pushes them at once
 */
public record WebExtensions(MetricsScraper metrics, Function<Arguments, Envelope> serverStatus,
                            AlertOperations alerts, Consumer<Runnable> alertChanges, RequestObserver observer) {

    /** Nothing added: the core routes only. */
    public static WebExtensions none() {
        return new WebExtensions(null, null, new AlertOperations(AlertSource.NONE), listener -> { },
                RequestObserver.NONE);
    }

    boolean hasMetrics() {
        return metrics != null;
    }
}
