package dev.agentmeter;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
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
import dev.agentmeter.export.OtlpDestination;
import dev.agentmeter.export.OtlpEnvironment;
import dev.agentmeter.export.OtlpExportOptions;
import dev.agentmeter.export.OtlpTaskExporter;
import dev.agentmeter.export.PrometheusExporter;
import dev.agentmeter.export.TaskOrigin;
import dev.agentmeter.mcp.McpFeatures;
import dev.agentmeter.mcp.McpHttpLimits;
import dev.agentmeter.mcp.McpHttpSecurity;
import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.mcp.ToolDefinitions;
import dev.agentmeter.mcp.ToolHandlers;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.AlertOperations;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.ListPrices;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskJournal;
import dev.agentmeter.operations.TaskRecorder;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.otlp.OtlpReceiver;
import dev.agentmeter.pricing.PriceFileException;
import dev.agentmeter.pricing.PriceTable;
import dev.agentmeter.storage.RetentionPeriod;
import dev.agentmeter.storage.Storage;
import dev.agentmeter.storage.StorageSettings;
import dev.agentmeter.storage.postgres.PostgresLocation;
import dev.agentmeter.storage.postgres.PostgresSettings;
import dev.agentmeter.storage.postgres.PostgresStartFailure;
import dev.agentmeter.storage.postgres.PostgresStore;
import dev.agentmeter.web.MetricsScraper;
import dev.agentmeter.web.RateLimit;
import dev.agentmeter.web.WebExtensions;
import dev.agentmeter.web.WebSecurity;
import dev.agentmeter.web.WebServer;
import dev.agentmeter.web.WebSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The command line: reads the settings, wires the parts, starts them. */
@Command(name = "agentmeter", mixinStandardHelpOptions = true, versionProvider = AgentMeter.Version.class,
        subcommands = ProxyCommand.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Real-time performance dashboard for AI agents: an MCP server, a live web dashboard "
                + "and a JSON API in one process.",
            "Every option also reads an environment variable, shown in brackets."})
public final class AgentMeter implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(AgentMeter.class);
    private static final int MAX_CAPACITY = 1_000_000;
    private static final int MAX_STORAGE_QUEUE = 10_000_000;
    static final int MIN_TOKEN_LENGTH = 16;
    /** Exit code for settings that are refused (as picocli uses for a bad option). */
    static final int EXIT_REFUSED = 2;
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
            description = "Another browser origin allowed to call /mcp, and /api through CORS, such as "
                    + "https://tools.example.com; repeatable (localhost and 127.0.0.1 on any port always are) "
                    + "[AGENTMETER_ALLOWED_ORIGIN].")
    private List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--data", defaultValue = "${env:AGENTMETER_DATA:-./agentmeter-data}", paramLabel = "DIR|URL",
            description = "Folder of the embedded database that keeps every recorded task; or a PostgreSQL database "
                    + "that several instances share, postgresql://USER@HOST:PORT/DB (password from "
                    + "AGENTMETER_DB_PASSWORD); 'none' keeps them in memory only (default ${DEFAULT-VALUE}) "
                    + "[AGENTMETER_DATA].")
    private String data;

    @Option(names = "--retention", defaultValue = "${env:AGENTMETER_RETENTION:-30d}", paramLabel = "PERIOD",
            description = "Delete stored tasks older than this: such as 90s, 30m, 12h, 7d, or 'forever' "
                    + "(default ${DEFAULT-VALUE}) [AGENTMETER_RETENTION].")
    private String retention;

    @Option(names = "--storage-queue", paramLabel = "N",
            defaultValue = "${env:AGENTMETER_STORAGE_QUEUE:-" + StorageSettings.DEFAULT_QUEUE_CAPACITY + "}",
            description = "Tasks waiting to be written to storage at most; a recording that would pass it is refused "
                    + "whole with 503 and Retry-After (default ${DEFAULT-VALUE}) [AGENTMETER_STORAGE_QUEUE].")
    private int storageQueue;

    @Option(names = "--prices", paramLabel = "FILE", defaultValue = "${env:AGENTMETER_PRICES}",
            description = "A table of model list prices (CSV, the format of the bundled one, see README) over the "
                    + "bundled table: it prices model calls that report tokens but no cost [AGENTMETER_PRICES].")
    private Path pricesFile;

    @Option(names = "--token", defaultValue = "${env:AGENTMETER_TOKEN}", paramLabel = "TOKEN",
            description = "Require Authorization: Bearer TOKEN on /api, /mcp, /v1 (OTLP) and /metrics (the dashboard asks for it "
                    + "once); at least " + MIN_TOKEN_LENGTH + " characters. Prefer the variable: the command line "
                    + "is visible to other users [AGENTMETER_TOKEN].")
    private String token;

    @Option(names = "--insecure", defaultValue = "${env:AGENTMETER_INSECURE:-false}",
            description = "Allow a non-loopback --host without a token [AGENTMETER_INSECURE].")
    private boolean insecure;

    @Option(names = "--rate-limit", defaultValue = "${env:AGENTMETER_RATE_LIMIT}",
            paramLabel = "N/s", description = "Requests per client address, as N/s or N/m (bursts of N), or off "
                    + "(default " + RateLimit.DEFAULT + ", and off on a loopback --host without a token) "
                    + "[AGENTMETER_RATE_LIMIT].")
    private String rateLimit;

    @Option(names = "--tls-keystore", defaultValue = "${env:AGENTMETER_TLS_KEYSTORE}", paramLabel = "FILE.p12",
            description = "Serve HTTPS with the key and certificate in this PKCS#12 keystore "
                    + "[AGENTMETER_TLS_KEYSTORE].")
    private Path tlsKeystore;

    @Option(names = "--tls-password", defaultValue = "${env:AGENTMETER_TLS_PASSWORD}", paramLabel = "PASSWORD",
            description = "The keystore's password; prefer the variable [AGENTMETER_TLS_PASSWORD].")
    private String tlsPassword;

    @Option(names = "--alert", split = ";", paramLabel = "RULE", defaultValue = "${env:AGENTMETER_ALERT}",
            description = "An alert rule, such as 'error_rate > 20%%', 'p95 > 2s', 'p99 > 500ms for task=search' "
                    + "or 'error_rate > 5%% window=1m' (default window 5m); repeatable, or several separated by ';' "
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

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Send every recorded task as an OpenTelemetry span (OTLP/HTTP) to URL: an OpenTelemetry "
                    + "Collector such as http://collector:4318, or another AgentMeter (/v1/traces is appended). "
                    + "Without it, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT; headers from "
                    + "OTEL_EXPORTER_OTLP_HEADERS.")
    private String otlpEndpoint;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMeter()).setParameterExceptionHandler(AgentMeter::usageError)
                .execute(args));
    }

    /** A mistake on the command line: one line saying what is wrong and where help is, not the whole usage. */
    private static int usageError(CommandLine.ParameterException mistake, String[] args) {
        CommandLine command = mistake.getCommandLine();
        command.getErr().println("agentmeter: " + mistake.getMessage());
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
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
        Optional<String> refusal = ExposureCheck.refusal(settings);
        if (refusal.isPresent()) {
            spec.commandLine().getErr().println("agentmeter: " + refusal.get());
            return EXIT_REFUSED;
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(running), "agentmeter-shutdown"));
        running.awaitStop();
        return 0;
    }

    /**
     * SIGTERM (or Ctrl-C) is how a service manager asks for a stop: once everything has stopped cleanly the
     * process exits 0, not the JVM's 143. A shutdown that began after the parts had already stopped (main
     * returning) keeps its own exit code.
     */
    private static void stopOnSignal(Running running) {
        if (running.isStopped()) {
            return;
        }
        running.stop();
        log.info("Stopped on request");
        Runtime.getRuntime().halt(0);
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
        // Rebuilt from storage before anything can record or read: nothing answers until this returns.
        PostgresStore fleet = settings.database() == null ? null : startFleet(settings, metrics);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, runnable -> {
            var thread = new Thread(runnable, "agentmeter-timer");
            thread.setDaemon(true);
            return thread;
        });
        Storage storage = settings.dataDir() == null ? null : Storage.start(
                StorageSettings.of(settings.dataDir(), settings.retention()).withQueueCapacity(settings.storageQueue()),
                metrics, Clock.systemUTC());
        TaskJournal journal = fleet != null ? fleet.journal()
                : storage != null ? storage.journal() : TaskJournal.memoryOnly();
        var recorder = new TaskRecorder(metrics, journal);
        if (fleet != null) {
            fleet.follow(recorder); // the other instances' tasks from where the rebuild stopped
        }
        var simulator = new TaskSimulator(recorder, timer, System::nanoTime, MAX_SIMULATIONS_IN_FLIGHT);
        var operations = new PerformanceOperations(recorder, simulator, new ListPrices(settings.userPrices()));
        var json = new JsonCodec();
        var running = new Running(metrics, operations, simulator, timer);
        running.storage = storage;
        running.fleet = fleet;
        var exporter = new PrometheusExporter(metrics.capacities().maxTaskNames(), Clock.systemUTC(),
                metrics.startedAt(), running::openEventStreams, fleet == null ? List::of : fleet::instances);
        metrics.addEventListener(exporter::onMetricsEvent);
        running.exporter = exporter;
        if (settings.otlpExport() != null) {
            startOtlpExport(settings.otlpExport(), metrics, exporter, running);
        }
        var alerts = startAlerts(settings, metrics, json, timer, running);
        var tools = new ToolHandlers(new ToolDefinitions(settings.historySize(), settings.errorLogSize()), operations,
                alerts, json, exporter::observeToolCall, System::nanoTime);
        var mcp = new McpServers(McpFeatures.of(tools, operations, json, settings.historySize(),
                settings.errorLogSize()), operations, Version.current());
        running.mcp = mcp;

        // Stdio first: an MCP client that starts this process waits for its first answers, not for the dashboard,
        // which comes up meanwhile (storage is rebuilt above, so every tool call already reads the full figures).
        // Holding the lock makes a stop from stdio (its end) wait until HTTP is up, and so stop that too.
        synchronized (running) {
            if (settings.stdio()) {
                mcp.serveStdio(stdin, stdout, running::stop);
            }
            if (settings.http()) {
                var security = new WebSecurity(settings.token(), settings.rateLimit(), settings.allowedOrigins(),
                        settings.tls(), WebSecurity.DEFAULT_STOP_TIMEOUT);
                var webSettings = new WebSettings(settings.host(), settings.port(), HTTP_THREADS);
                var web = new WebServer(webSettings, security, operations, json,
                        webExtensions(exporter, alerts, running.alerts));
                web.mount("/mcp/*", mcp.streamableHttp(McpHttpSecurity.of(settings.host(),
                        settings.allowedOrigins()), McpHttpLimits.of(MAX_CONCURRENT_MCP_HTTP_REQUESTS)),
                        McpServers.MAX_MESSAGE_BYTES);
                web.mountWithBodyLimit("/v1/*", OtlpReceiver.servlet(operations, exporter::observeOtlpItems,
                        webSettings.maxBodyBytes()));
                startWeb(web, settings, running);
            }
        }
        return running;
    }

    /** The shared PostgreSQL store, started and rebuilt; a database that cannot be used stops the start. */
    private static PostgresStore startFleet(Settings settings, PerformanceMetrics metrics) throws StartupFailure {
        try {
            return PostgresStore.start(PostgresSettings.of(settings.database(), settings.retention())
                    .withQueueCapacity(settings.storageQueue()), metrics, Clock.systemUTC());
        } catch (PostgresStartFailure e) {
            throw new StartupFailure(e.getMessage(), e);
        }
    }

    /**
     * Every task recorded from now on (not those rebuilt from storage) also leaves as a span. The OpenTelemetry
     * SDK loads here and only here: without an endpoint, start-up pays nothing for it.
     */
    private static void startOtlpExport(OtlpDestination destination, PerformanceMetrics metrics,
                                        PrometheusExporter prometheus, Running running) {
        var otlp = OtlpTaskExporter.start(destination, TaskOrigin.RECORDED, Version.current(),
                OtlpExportOptions.defaults());
        metrics.addEventListener(otlp::onMetricsEvent);
        prometheus.watchOtlpExport(otlp::view);
        running.otlpExport = otlp;
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
        log.info("AgentMeter {} listening on {} (token: {}, rate limit per address: {})", Version.current(),
                web.dashboardUrl(), settings.token().isPresent() ? "required" : "none",
                settings.rateLimit().spec());
        if (settings.insecure() && settings.token().isEmpty() && !ExposureCheck.isLoopback(settings.host())) {
            log.warn("Serving {} without a token (--insecure): anyone who can reach it can read and reset the "
                    + "figures and call the MCP tools", settings.host());
        }
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
        Optional<String> accessToken = Optional.ofNullable(token).filter(value -> !value.isEmpty());
        if (accessToken.isPresent() && accessToken.get().strip().length() < MIN_TOKEN_LENGTH) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--token must be at least " + MIN_TOKEN_LENGTH + " characters long (a random one: "
                            + "openssl rand -hex 32)");
        }
        RateLimit limit;
        try {
            limit = rateLimit == null ? ExposureCheck.defaultRateLimit(host, accessToken.isPresent())
                    : RateLimit.parse(rateLimit);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate-limit: " + e.getMessage());
        }
        Optional<WebSecurity.TlsKeystore> tls = Optional.empty();
        if (tlsKeystore != null) {
            if (tlsPassword == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--tls-keystore needs --tls-password (or AGENTMETER_TLS_PASSWORD)");
            }
            tls = Optional.of(new WebSecurity.TlsKeystore(tlsKeystore, tlsPassword));
        }
        requireInRange("--alert-interval", alertIntervalSeconds, 1, 3_600);
        requireInRange("--storage-queue", storageQueue, 1, MAX_STORAGE_QUEUE);
        List<AlertRule> rules = alerts.stream().filter(rule -> !rule.isBlank()).map(AlertRuleParser::parse).toList();
        return new Settings(host, port, stdio, !noHttp, historySize, errorLogSize, allowedOrigins, dataDir(),
                database(), retentionPeriod(), accessToken.map(String::strip), insecure, limit, tls, rules,
                webhookUri(), Duration.ofSeconds(alertIntervalSeconds), storageQueue, otlpDestination(),
                userPrices());
    }

    private PriceTable userPrices() {
        if (pricesFile == null) {
            return null;
        }
        try {
            return PriceTable.load(pricesFile);
        } catch (PriceFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prices " + e.getMessage());
        }
    }

    private Path dataDir() {
        if (data.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--data needs a folder, or 'none' to keep tasks in memory only");
        }
        String value = data.trim();
        return value.equalsIgnoreCase("none") || PostgresLocation.isUrl(value) ? null : Path.of(value);
    }

    /** The shared database {@code --data} names, if it names one; the password may come from the environment. */
    private PostgresLocation database() {
        if (!PostgresLocation.isUrl(data)) {
            return null;
        }
        try {
            return PostgresLocation.parse(data, System.getenv(PostgresLocation.PASSWORD_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private OtlpDestination otlpDestination() {
        try {
            return OtlpEnvironment.resolve(otlpEndpoint, System.getenv()).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Duration retentionPeriod() {
        try {
            return RetentionPeriod.parse(retention).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
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
