package dev.agentmeter;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

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
    /** How long a failed start-up waits for its refusals on stdio to be written. */
    private static final Duration REFUSALS_BOUND = Duration.ofSeconds(2);

    private Startup() {
    }

    /**
     * Starts every part the settings ask for; the caller stops them with {@link Running#stop}. With
     * {@code --stdio}, MCP is served on {@code stdin}/{@code stdout} and the end of {@code stdin} stops everything.
     *
     * <p>Storage starts on a thread of its own (see {@link StorageWiring#startAside}) while the parts that need no
     * figure are built, and stdio is served as soon as they are: {@code initialize}, {@code ping} and the lists are
     * answered at once, while every request that reads or records figures waits, in order, until storage has
     * rebuilt the metrics and the parts that follow it are up (see {@code FiguresGate}), so it is answered from the
     * full figures. A store that cannot be used (or does not start within {@link StorageWiring#START_BOUND}) throws
     * {@link StartupFailure}: each request waiting on stdio is first answered with a JSON-RPC error that says so;
     * the process then prints the one-line reason and exits 1, which closes its stdin and stdout.
     */
    static Running start(Settings settings, InputStream stdin, OutputStream stdout) throws StartupFailure {
        return start(settings, stdin, stdout, StorageWiring::startAside);
    }

    /** {@link #start(Settings, InputStream, OutputStream)} with storage started by {@code storage}: a test's hook. */
    static Running start(Settings settings, InputStream stdin, OutputStream stdout,
                         BiFunction<Settings, PerformanceMetrics, CompletableFuture<StorageWiring>> storage)
            throws StartupFailure {
        var metrics = new PerformanceMetrics(Clock.systemUTC(),
                MetricsCapacities.defaults().withHistorySize(settings.historySize())
                        .withErrorLogSize(settings.errorLogSize()));
        // Nothing records, reads the figures or listens to them before the rebuild is done: the parts built before
        // await only exist (the journal is handed over, and listeners added, after it), and stdio holds every
        // request that would use them until figuresReady completes.
        var starting = storage.apply(settings, metrics);
        var json = new JsonCodec();
        var web = new AtomicReference<WebServer>(); // empty until HTTP listens
        var prometheus = ExporterOnceBuilt.start(metrics, () -> openEventStreams(web.get()),
                StorageWiring.fleetOnceStarted(starting)); // on its own thread, as storage
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, runnable -> {
            var thread = new Thread(runnable, "agentmeter-timer");
            thread.setDaemon(true);
            return thread;
        });
        var journal = new StartingJournal();
        var recorder = new TaskRecorder(metrics, journal);
        var simulator = new TaskSimulator(recorder, timer, System::nanoTime, MAX_SIMULATIONS_IN_FLIGHT);
        var operations = new PerformanceOperations(recorder, simulator, new ListPrices(settings.userPrices()));
        var alerts = AlertWiring.build(settings, json);
        var figuresReady = new CompletableFuture<Void>();
        McpServers mcp = McpWiring.servers(settings, McpWiring.toolDefinitions(settings), operations,
                alerts.operations(), json, prometheus, figuresReady);
        var started = new AtomicReference<Running>(); // set before figuresReady completes; stdin's end stops it
        if (settings.stdio()) {
            mcp.serveStdio(stdin, stdout, () -> stopIfStarted(started));
        }
        ExportWiring exports;
        Running running;
        try {
            var stores = StorageWiring.await(starting);
            journal.startWith(stores.journal());
            stores.follow(recorder);
            exports = ExportWiring.start(settings, metrics, prometheus.await());
            alerts.start(settings, metrics, timer);
            running = new Running(metrics, operations, simulator, timer, stores, exports, alerts, mcp, web);
        } catch (StartupFailure | RuntimeException | Error e) {
            refuseWaiting(e, figuresReady, mcp);
            timer.shutdownNow();
            if (alerts.webhook() != null) {
                alerts.webhook().close();
            }
            throw e;
        }

        // HTTP last, and in --stdio mode (without TLS) only its port: Jetty starts there at the first connection (see
        // WebWiring), so an MCP client that starts this process does not share two cores with it while it waits for
        // its first answers. Holding the lock makes a stop from stdio (its end) wait until HTTP listens, and so stop
        // that too.
        synchronized (running) {
            started.set(running);
            letHeldRequestsGo(figuresReady);
            if (settings.http()) {
                WebWiring.start(settings, operations, json, exports, alerts, mcp, running).ifPresent(web::set);
            }
        }
        return running;
    }

    /**
     * The requests held on stdio go now, in their order, on a thread of their own: they run the SDK's handlers,
     * which must not run under the lock held here, nor hold up the dashboard's start.
     */
    private static void letHeldRequestsGo(CompletableFuture<Void> figuresReady) {
        var release = new Thread(() -> figuresReady.complete(null), "agentmeter-figures-ready");
        release.setDaemon(true);
        release.start();
    }

    private static void stopIfStarted(AtomicReference<Running> started) {
        Running running = started.get();
        if (running != null) {
            running.stop();
        }
    }

    /**
     * Start-up failed: every request held on stdio (and any read later) is answered with the reason, and those
     * answers are out (for at most {@link #REFUSALS_BOUND}) before the caller prints it and the process exits.
     */
    private static void refuseWaiting(Throwable failure, CompletableFuture<Void> figuresReady, McpServers mcp) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        figuresReady.completeExceptionally(new IllegalStateException(message.startsWith("storage did not start")
                ? message : "storage did not start: " + message, failure));
        try {
            mcp.awaitStdioAnswers(REFUSALS_BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mcp.close();
    }

    /** Live dashboard streams open now, for {@code /metrics}; 0 without HTTP. */
    private static int openEventStreams(WebServer web) {
        return web == null ? 0 : web.openEventStreams();
    }
}
