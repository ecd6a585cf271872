package dev.agentmeter;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.ListPrices;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskRecorder;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.web.WebServer;

/** Starts the parts in order, each from its own wiring, and hands them over as one {@link Running}. */
final class Startup {

    private static final int MAX_SIMULATIONS_IN_FLIGHT = 1_000;
    /** How long the dashboard waits, in {@code --stdio} mode, for the client's first exchange to be answered. */
    private static final Duration DASHBOARD_DEFERRAL = Duration.ofSeconds(3);

    private Startup() {
    }

    /**
     * Starts every part the settings ask for; the caller stops them with {@link Running#stop}. With
     * {@code --stdio}, MCP is served on {@code stdin}/{@code stdout} and the end of {@code stdin} stops everything.
     *
     * <p>Storage starts on a thread of its own (see {@link StorageWiring#startAside}) while the parts that need no
     * figure are built; stdio is read only once it has rebuilt the metrics, so a client's lines, even sent before,
     * wait on stdin and are answered from the full figures. A store that cannot be used (or does not start within
     * {@link StorageWiring#START_BOUND}) throws {@link StartupFailure} before stdio is read: the client has had no
     * answer, not even to {@code initialize}; the process prints the one-line reason and exits 1, which closes
     * its stdin and stdout.
     */
    static Running start(Settings settings, InputStream stdin, OutputStream stdout) throws StartupFailure {
        var metrics = new PerformanceMetrics(Clock.systemUTC(),
                MetricsCapacities.defaults().withHistorySize(settings.historySize())
                        .withErrorLogSize(settings.errorLogSize()));
        // Storage opens and rebuilds the metrics on its own thread while the parts that touch no figure are built
        // here (Jackson, the Prometheus registries, the tools' schemas). Nothing records, reads the figures or
        // listens to them before the rebuild is done: every part that does is built after await, as before, so
        // no listener sees a rebuilt task and nothing answers (stdio is served below) until the figures are full.
        var starting = StorageWiring.startAside(settings, metrics);
        var json = new JsonCodec();
        var web = new AtomicReference<WebServer>(); // empty until HTTP listens
        var prometheus = ExportWiring.prometheus(metrics, () -> openEventStreams(web.get()),
                StorageWiring.fleetOnceStarted(starting));
        var toolDefinitions = McpWiring.toolDefinitions(settings);
        var stores = StorageWiring.await(starting);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, runnable -> {
            var thread = new Thread(runnable, "agentmeter-timer");
            thread.setDaemon(true);
            return thread;
        });
        var recorder = new TaskRecorder(metrics, stores.journal());
        stores.follow(recorder);
        var simulator = new TaskSimulator(recorder, timer, System::nanoTime, MAX_SIMULATIONS_IN_FLIGHT);
        var operations = new PerformanceOperations(recorder, simulator, new ListPrices(settings.userPrices()));
        var exports = ExportWiring.start(settings, metrics, prometheus);
        var alerts = AlertWiring.start(settings, metrics, json, timer);
        McpServers mcp = McpWiring.servers(settings, toolDefinitions, operations, alerts.operations(), json,
                exports.prometheus());
        var running = new Running(metrics, operations, simulator, timer, stores, exports, alerts, mcp, web);

        // Stdio first: an MCP client that starts this process waits for its first answers, not for the dashboard,
        // which comes up once they are out (storage is rebuilt above, so every tool call already reads the full
        // figures). Starting Jetty meanwhile would take half of two cores from them. Holding the lock makes a stop
        // from stdio (its end) wait until HTTP is up, and so stop that too; stdin's end also ends the wait.
        synchronized (running) {
            if (settings.stdio()) {
                CompletionStage<Void> firstExchange = mcp.serveStdio(stdin, stdout, running::stop);
                if (settings.http()) {
                    awaitQuietly(firstExchange);
                }
            }
            if (settings.http()) {
                WebWiring.start(settings, operations, json, exports, alerts, mcp, running).ifPresent(web::set);
            }
        }
        return running;
    }

    /**
     * Waits for the stdio client's first answers, at most {@link #DASHBOARD_DEFERRAL}: a silent client does not
     * keep the dashboard away for longer.
     */
    private static void awaitQuietly(CompletionStage<Void> firstExchange) {
        try {
            firstExchange.toCompletableFuture().get(DASHBOARD_DEFERRAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Start the dashboard now: the client's exchange goes on regardless.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live dashboard streams open now, for {@code /metrics}; 0 without HTTP. */
    private static int openEventStreams(WebServer web) {
        return web == null ? 0 : web.openEventStreams();
    }
}
