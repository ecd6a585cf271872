package dev.agentmeter;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.alerts.AlertEngine;
import dev.agentmeter.alerts.WebhookNotifier;
import dev.agentmeter.export.OtlpTaskExporter;
import dev.agentmeter.export.PrometheusExporter;
import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.storage.Storage;
import dev.agentmeter.storage.postgres.PostgresStore;
import dev.agentmeter.web.WebServer;

/**
 * The running parts of one AgentMeter, so that main and tests stop them the same way. {@link Startup#start}
 * fills in the optional parts while starting.
 *
 * <p>Thread-safe: {@link #stop} is synchronized and idempotent.
 */
public final class Running {

    private static final Logger log = LoggerFactory.getLogger(Running.class);

    private final PerformanceMetrics metrics;
    private final PerformanceOperations operations;
    private final TaskSimulator simulator;
    private final ScheduledExecutorService timer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    // Set while starting, by the starting thread; read by whoever stops.
    volatile WebServer web;
    volatile McpServers mcp;
    volatile Storage storage;
    volatile PostgresStore fleet;
    volatile PrometheusExporter exporter;
    volatile AlertEngine alerts;
    volatile WebhookNotifier webhook;
    volatile OtlpTaskExporter otlpExport;

    Running(PerformanceMetrics metrics, PerformanceOperations operations, TaskSimulator simulator,
                    ScheduledExecutorService timer) {
        this.metrics = metrics;
        this.operations = operations;
        this.simulator = simulator;
        this.timer = timer;
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
        return alerts;
    }

    /** The Prometheus exporter behind {@code GET /metrics}. */
    public PrometheusExporter exporter() {
        return exporter;
    }

    /** The OTLP exporter, or null when no endpoint was set. */
    public OtlpTaskExporter otlpExport() {
        return otlpExport;
    }

    /** Live dashboard streams open now; 0 without HTTP. */
    int openEventStreams() {
        WebServer server = web;
        return server == null ? 0 : server.openEventStreams();
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return web == null ? -1 : web.port();
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
        try {
            if (web != null) {
                web.stop();
            }
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
        if (mcp != null) {
            mcp.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        timer.shutdownNow();
        if (otlpExport != null) {
            otlpExport.close(); // after the parts that record, so their last tasks leave too (within its bound)
        }
        if (storage != null) {
            storage.close(); // last: writes what recording queued before the other parts stopped
        }
        if (fleet != null) {
            fleet.close(); // likewise
        }
        stopped.countDown();
    }
}
