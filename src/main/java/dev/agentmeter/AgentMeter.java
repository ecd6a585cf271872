package dev.agentmeter;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.alerts.AlertEngine;
import dev.agentmeter.alerts.AlertLog;
import dev.agentmeter.alerts.AlertRule;
import dev.agentmeter.alerts.AlertRuleParser;
import dev.agentmeter.alerts.WebhookNotifier;
import dev.agentmeter.export.PrometheusExporter;
import dev.agentmeter.mcp.McpHttpSecurity;
import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.mcp.ToolDefinitions;
import dev.agentmeter.mcp.ToolHandlers;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.AlertOperations;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.web.MetricsScraper;
import dev.agentmeter.web.WebExtensions;
import dev.agentmeter.web.WebServer;
import dev.agentmeter.web.WebSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: reads the settings, wires the parts, starts them. */
@Command(name = "agentmeter", mixinStandardHelpOptions = true, versionProvider = AgentMeter.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Real-time performance dashboard for AI agents: an MCP server, a live web dashboard "
                + "and a JSON API in one process.",
            "Every option also reads an environment variable, shown in brackets."})
public final class AgentMeter implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(AgentMeter.class);
    private static final int MAX_CAPACITY = 1_000_000;
    private static final int HTTP_THREADS = 64;
    private static final int MAX_SIMULATIONS_IN_FLIGHT = 1_000;
    // The SDK holds a request thread while a tool call runs: MCP may take half of them, the dashboard keeps the rest.
    private static final int MAX_CONCURRENT_MCP_HTTP_REQUESTS = HTTP_THREADS / 2;
    private static final int WEBHOOK_ATTEMPTS = 5;
    private static final Duration WEBHOOK_FIRST_BACKOFF = Duration.ofMillis(500);

    @Option(names = "--host", defaultValue = "${env:AGENTMETER_HOST:-127.0.0.1}", paramLabel = "H",
            description = "Address to bind (default ${DEFAULT-VALUE}) [AGENTMETER_HOST].")
    private String host;

    @Option(names = "--port", defaultValue = "${env:AGENTMETER_PORT:-8080}", paramLabel = "P",
            description = "HTTP port; 0 picks a free one (default ${DEFAULT-VALUE}) [AGENTMETER_PORT].")
    private int port;

    @Option(names = "--stdio", defaultValue = "${env:AGENTMETER_STDIO:-false}",
            description = "Serve MCP on stdin/stdout; the dashboard is still served over HTTP [AGENTMETER_STDIO].")
    private boolean stdio;

    @Option(names = "--no-http", defaultValue = "${env:AGENTMETER_NO_HTTP:-false}",
            description = "With --stdio: serve no HTTP at all [AGENTMETER_NO_HTTP].")
    private boolean noHttp;

    @Option(names = "--history-size", defaultValue = "${env:AGENTMETER_HISTORY_SIZE:-100}", paramLabel = "N",
            description = "Request history capacity (default ${DEFAULT-VALUE}) [AGENTMETER_HISTORY_SIZE].")
    private int historySize;

    @Option(names = "--error-log-size", defaultValue = "${env:AGENTMETER_ERROR_LOG_SIZE:-50}", paramLabel = "N",
            description = "Error log capacity (default ${DEFAULT-VALUE}) [AGENTMETER_ERROR_LOG_SIZE].")
    private int errorLogSize;

    @Option(names = "--allowed-origin", split = ",", paramLabel = "ORIGIN",
            defaultValue = "${env:AGENTMETER_ALLOWED_ORIGIN}",
            description = "Another browser origin allowed to call /mcp, such as https://tools.example.com; "
                    + "repeatable (localhost and 127.0.0.1 on any port always are) [AGENTMETER_ALLOWED_ORIGIN].")
    private List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--alert", split = ";", paramLabel = "RULE", defaultValue = "${env:AGENTMETER_ALERT}",
            description = "An alert rule, such as 'error_rate > 20%', 'p95 > 2s', 'p99 > 500ms for task=search' "
                    + "or 'error_rate > 5% window=1m' (default window 5m); repeatable, or several separated by ';' "
                    + "[AGENTMETER_ALERT].")
    private List<String> alerts = new ArrayList<>();

    @Option(names = "--alert-webhook", paramLabel = "URL", defaultValue = "${env:AGENTMETER_ALERT_WEBHOOK}",
            description = "POST each alert firing and resolving as JSON to this http(s) URL, with retries "
                    + "[AGENTMETER_ALERT_WEBHOOK].")
    private String alertWebhook;

    @Option(names = "--alert-interval", paramLabel = "SECONDS",
            defaultValue = "${env:AGENTMETER_ALERT_INTERVAL:-5}",
            description = "How often alert rules are evaluated, in seconds (default ${DEFAULT-VALUE}) "
                    + "[AGENTMETER_ALERT_INTERVAL].")
    private int alertIntervalSeconds;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMeter()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = validatedSettings();
        } catch (IllegalArgumentException e) {
            // A bad alert rule or webhook: one line that says what is wrong, as for any bad option.
            spec.commandLine().getErr().println("agentmeter: " + e.getMessage());
            return 2;
        }
        OutputStream stdout = System.out;
        if (settings.stdio()) {
            // stdout carries the protocol alone: whatever else gets printed by mistake goes to stderr instead.
            stdout = new FileOutputStream(FileDescriptor.out);
            System.setOut(System.err);
        }
        Running running;
        try {
            running = start(settings, System.in, stdout);
        } catch (StartupFailure e) {
            spec.commandLine().getErr().println("agentmeter: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "agentmeter-shutdown"));
        running.awaitStop();
        return 0;
    }

    /** Starts every part the settings ask for, with stdio on this process's own streams. */
    public static Running start(Settings settings) throws Exception {
        return start(settings, System.in, System.out);
    }

    /**
     * Starts every part the settings ask for; the caller stops them with {@link Running#stop}. With
     * {@code --stdio}, MCP is served on {@code stdin}/{@code stdout} and the end of {@code stdin} stops everything.
     */
    public static Running start(Settings settings, InputStream stdin, OutputStream stdout) throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(),
                MetricsCapacities.defaults().withHistorySize(settings.historySize())
                        .withErrorLogSize(settings.errorLogSize()));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, runnable -> {
            var thread = new Thread(runnable, "agentmeter-timer");
            thread.setDaemon(true);
            return thread;
        });
        var simulator = new TaskSimulator(metrics, timer, System::nanoTime, MAX_SIMULATIONS_IN_FLIGHT);
        var operations = new PerformanceOperations(metrics, simulator);
        var json = new JsonCodec();
        var running = new Running(metrics, operations, simulator, timer);
        var exporter = new PrometheusExporter(metrics.capacities().maxTaskNames(), Clock.systemUTC(),
                metrics.startedAt(), running::openEventStreams);
        metrics.addEventListener(exporter::onMetricsEvent);
        running.exporter = exporter;
        var alerts = startAlerts(settings, metrics, json, timer, running);
        var tools = new ToolHandlers(new ToolDefinitions(settings.historySize(), settings.errorLogSize()), operations,
                alerts, json, exporter::observeToolCall, System::nanoTime);
        var mcp = new McpServers(tools, Version.current());
        running.mcp = mcp;

        if (settings.http()) {
            var web = new WebServer(new WebSettings(settings.host(), settings.port(), HTTP_THREADS), operations, json,
                    webExtensions(exporter, alerts, running.alerts));
            web.mount("/mcp/*", mcp.streamableHttp(McpHttpSecurity.of(settings.host(), settings.allowedOrigins()),
                    MAX_CONCURRENT_MCP_HTTP_REQUESTS));
            startWeb(web, settings, running);
        }
        if (settings.stdio()) {
            mcp.serveStdio(stdin, stdout, running::stop);
        }
        return running;
    }

    /** The alert engine fed by every task, evaluated on the timer when there are rules. */
    private static AlertOperations startAlerts(Settings settings, PerformanceMetrics metrics, JsonCodec json,
                                               ScheduledExecutorService timer, Running running) {
        var engine = new AlertEngine(settings.alertRules(), Clock.systemUTC());
        metrics.addEventListener(engine::onMetricsEvent);
        engine.addListener(new AlertLog());
        if (settings.alertWebhook() != null) {
            var webhook = new WebhookNotifier(settings.alertWebhook(), json, WEBHOOK_ATTEMPTS, WEBHOOK_FIRST_BACKOFF);
            engine.addListener(webhook);
            running.webhook = webhook;
        }
        if (!settings.alertRules().isEmpty()) {
            long intervalMillis = settings.alertInterval().toMillis();
            timer.scheduleWithFixedDelay(engine::evaluateOnSchedule, intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS);
            log.info("Evaluating {} alert rule(s) every {}", settings.alertRules().size(), settings.alertInterval());
        }
        running.alerts = engine;
        return new AlertOperations(engine);
    }

    private static WebExtensions webExtensions(PrometheusExporter exporter, AlertOperations alerts, AlertEngine engine) {
        MetricsScraper scraper = accept -> {
            PrometheusExporter.Scrape scrape = exporter.scrape(accept);
            return new MetricsScraper.Exposition(scrape.contentType(), scrape.body());
        };
        return new WebExtensions(scraper, exporter::getServerStatus, alerts,
                listener -> engine.addListener(transition -> listener.run()), exporter::observeHttpRequest);
    }

    /** In {@code --stdio} mode HTTP is a bonus: failing to listen is a warning, and MCP goes on over stdio. */
    private static void startWeb(WebServer web, Settings settings, Running running) throws StartupFailure {
        try {
            web.start();
        } catch (Exception e) {
            stopQuietly(web);
            String problem = listenProblem(settings, e);
            if (!settings.stdio()) {
                running.stop();
                throw new StartupFailure(problem, e);
            }
            log.warn("{}; no dashboard and no MCP over HTTP, but MCP over stdio goes on", problem);
            return;
        }
        running.web = web;
        log.info("AgentMeter {} listening on {}", Version.current(), web.dashboardUrl());
        System.err.println("AgentMeter dashboard: " + web.dashboardUrl());
    }

    private static String listenProblem(Settings settings, Exception failure) {
        String address = settings.host() + ":" + settings.port();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "cannot listen on " + address + ": the port is already in use (choose another with --port; "
                        + "0 picks a free one)";
            }
        }
        return "cannot listen on " + address + ": " + failure.getMessage();
    }

    private static void stopQuietly(WebServer web) {
        try {
            web.stop();
        } catch (Exception e) {
            log.debug("HTTP server did not stop after a failed start: {}", e.toString());
        }
    }

    private Settings validatedSettings() {
        requireInRange("--port", port, 0, 65_535);
        requireInRange("--history-size", historySize, 1, MAX_CAPACITY);
        requireInRange("--error-log-size", errorLogSize, 1, MAX_CAPACITY);
        if (noHttp && !stdio) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--no-http needs --stdio: without either there is nothing to serve");
        }
        requireInRange("--alert-interval", alertIntervalSeconds, 1, 3_600);
        List<AlertRule> rules = alerts.stream().filter(rule -> !rule.isBlank()).map(AlertRuleParser::parse).toList();
        return new Settings(host, port, stdio, !noHttp, historySize, errorLogSize, allowedOrigins, rules,
                webhookUri(), Duration.ofSeconds(alertIntervalSeconds));
    }

    private URI webhookUri() {
        if (alertWebhook == null || alertWebhook.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(alertWebhook.strip());
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below, like any other bad URL
        }
        throw new IllegalArgumentException("--alert-webhook must be an http or https URL, was '" + alertWebhook + "'");
    }

    private void requireInRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Starting failed for a reason the user can fix; the message says which, in one line. */
    public static final class StartupFailure extends Exception {
        StartupFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The running parts, so that main and tests stop them the same way. */
    public static final class Running {
        private final PerformanceMetrics metrics;
        private final PerformanceOperations operations;
        private final TaskSimulator simulator;
        private final ScheduledExecutorService timer;
        private final CountDownLatch stopped = new CountDownLatch(1);
        // Set while starting, by the starting thread; read by whoever stops.
        private volatile WebServer web;
        private volatile McpServers mcp;
        private volatile PrometheusExporter exporter;
        private volatile AlertEngine alerts;
        private volatile WebhookNotifier webhook;

        private Running(PerformanceMetrics metrics, PerformanceOperations operations, TaskSimulator simulator,
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

        /** Live dashboard streams open now; 0 without HTTP. */
        int openEventStreams() {
            WebServer server = web;
            return server == null ? 0 : server.openEventStreams();
        }

        /** The HTTP port, or -1 when HTTP is off. */
        public int httpPort() {
            return web == null ? -1 : web.port();
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
            stopped.countDown();
        }
    }

    /** The project's version, from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        static String current() {
            try (InputStream in = AgentMeter.class.getResourceAsStream("/agentmeter.properties")) {
                var properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }

        @Override
        public String[] getVersion() {
            return new String[] {"agentmeter " + current()};
        }
    }
}
