package dev.agentmeter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.agentmeter.export.PrometheusExporter;
import dev.agentmeter.mcp.McpOperationObserver;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.storage.postgres.PostgresStore;

/**
 * The Prometheus exporter, built on a thread of its own at start-up (issue 15: its registries and the JVM's
 * instrumentation took about 50 ms of the main thread before stdio could answer), and the MCP requests answered
 * before it exists, counted once it does. Only {@code initialize}, {@code ping} and the lists can be answered that
 * early (start-up holds every other request until the exporter is up, see {@link Startup}), so at most
 * {@value #MAX_EARLY} of them are kept, a few fields each; beyond that the answering thread waits for the exporter.
 *
 * <p>Written by hand: a queue handed over exactly once, where a missed or doubled count would show on
 * {@code /metrics}.
 *
 * <p>Thread-safe: any answering thread observes; the exporter's own thread hands it over once.
 */
final class ExporterOnceBuilt implements McpOperationObserver {

    static final int MAX_EARLY = 1_024;

    private final CompletableFuture<PrometheusExporter> built = new CompletableFuture<>();
    private final Object lock = new Object();
    // Guarded by lock: the observations made before the exporter existed; null once handed over.
    private List<Observation> early = new ArrayList<>();
    // Written once (under lock) by the exporter's thread, read by every observing thread.
    private volatile PrometheusExporter exporter;

    private record Observation(String method, String toolName, String protocolVersion, String errorType,
                               long durationNanos) {
    }

    /** Starts building the exporter for {@code metrics} (see {@link ExportWiring#prometheus}). */
    static ExporterOnceBuilt start(PerformanceMetrics metrics, IntSupplier openEventStreams,
                                   Supplier<PostgresStore> fleet) {
        var once = new ExporterOnceBuilt();
        var thread = new Thread(() -> {
            try {
                once.handOver(ExportWiring.prometheus(metrics, openEventStreams, fleet));
            } catch (RuntimeException | Error e) {
                once.built.completeExceptionally(e);
            }
        }, "agentmeter-prometheus-start");
        thread.setDaemon(true);
        thread.start();
        return once;
    }

    /** The exporter, once built; a failure to build it is thrown here. */
    PrometheusExporter await() {
        return built.join();
    }

    @Override
    public void observe(String method, String toolName, String protocolVersion, String errorType,
                        long durationNanos) {
        PrometheusExporter ready = exporter;
        if (ready == null) {
            synchronized (lock) {
                while (exporter == null && early.size() >= MAX_EARLY) {
                    awaitHandOver();
                }
                if (exporter == null) {
                    early.add(new Observation(method, toolName, protocolVersion, errorType, durationNanos));
                    return;
                }
            }
            ready = exporter;
        }
        ready.observeMcpOperation(method, toolName, protocolVersion, errorType, durationNanos);
    }

    /**
     * One tool call, for {@code /metrics}: tool calls are held until the figures exist, by when the exporter does
     * too, so this never comes early.
     */
    void observeToolCall(String tool, boolean error, long durationNanos) {
        exporter.observeToolCall(tool, error, durationNanos);
    }

    /** From now on every observation goes to {@code ready}, after those made before. */
    void handOver(PrometheusExporter ready) {
        List<Observation> before;
        synchronized (lock) {
            exporter = ready;
            before = early;
            early = null;
            lock.notifyAll();
        }
        // Counted outside the lock: a histogram's counts do not depend on the order they are observed in.
        before.forEach(o -> ready.observeMcpOperation(o.method(), o.toolName(), o.protocolVersion(), o.errorType(),
                o.durationNanos()));
        built.complete(ready);
    }

    private void awaitHandOver() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Prometheus exporter", e);
        }
    }
}
