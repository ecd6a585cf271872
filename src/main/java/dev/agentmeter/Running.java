package dev.agentmeter;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.alerts.AlertEngine;
import dev.agentmeter.export.OtlpTaskExporter;
import dev.agentmeter.export.PrometheusExporter;
import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.web.WebServer;

/**
 * The running parts of one AgentMeter, so that main and tests stop them the same way. {@link Startup#start}
 * builds it once every part but the web server has started; the web server is added when it listens, since
 * MCP over stdio is served (and may ask for a stop) before HTTP comes up.
 *
 * <p>Thread-safe: {@link #stop} is synchronized and idempotent.
 */
public final class Running {

    private static final Logger log = LoggerFactory.getLogger(Running.class);

    private final PerformanceMetrics metrics;
    private final PerformanceOperations operations;
    private final TaskSimulator simulator;
    private final ScheduledExecutorService timer;
    private final StorageWiring stores;
    private final ExportWiring exports;
    private final AlertWiring alerts;
    private final McpServers mcp;
    // Set once by the starting thread when HTTP listens (empty without HTTP); read by /metrics and whoever stops.
    private final AtomicReference<WebServer> web;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Running(PerformanceMetrics metrics, PerformanceOperations operations, TaskSimulator simulator,
            ScheduledExecutorService timer, StorageWiring stores, ExportWiring exports, AlertWiring alerts,
            McpServers mcp, AtomicReference<WebServer> web) {
        this.metrics = metrics;
        this.operations = operations;
        this.simulator = simulator;
        this.timer = timer;
        this.stores = stores;
        this.exports = exports;
        this.alerts = alerts;
        this.mcp = mcp;
        this.web = web;
    }

    public PerformanceMetrics metrics() {
        return metrics;
    }

    public PerformanceOperations operations() {
        return operations;
    }

    /** Simulated tasks running right now. */
    public int simulationsInFlight() {
        return simulator.inFlight();
    }

    /** The alert engine: its rules, the firing alerts, and {@code evaluate()} for a test that drives it. */
    public AlertEngine alerts() {
        return alerts.engine();
    }

    /** The Prometheus exporter behind {@code GET /metrics}. */
    public PrometheusExporter exporter() {
        return exports.prometheus();
    }

    /** The OTLP exporter, or null when no endpoint was set. */
    public OtlpTaskExporter otlpExport() {
        return exports.otlp();
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        WebServer server = web.get();
        return server == null ? -1 : server.port();
    }

    /**
     * Whether the HTTP server has started serving: in {@code --stdio} mode its port is bound at start and Jetty
     * starts at the first connection (see {@link WebServer#startOnFirstConnection}).
     */
    public boolean httpServing() {
        WebServer server = web.get();
        return server != null && server.serving();
    }

    /** Whether {@link #stop} has finished. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops every part; safe to call more than once. */
    public synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        WebServer server = web.get();
        mcp.endStreams(); // first, so that a stop does not wait for MCP 2026-07-28 listen streams to end
        try {
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
        mcp.close();
        if (alerts.webhook() != null) {
            alerts.webhook().close();
        }
        timer.shutdownNow();
        if (exports.otlp() != null) {
            exports.otlp().close(); // after the parts that record, so their last tasks leave too (within its bound)
        }
        if (stores.storage() != null) {
            stores.storage().close(); // last: writes what recording queued before the other parts stopped
        }
        if (stores.fleet() != null) {
            stores.fleet().close(); // likewise
        }
        stopped.countDown();
    }
}
