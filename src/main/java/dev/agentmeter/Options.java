package dev.agentmeter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.agentmeter.alerts.AlertRule;
import dev.agentmeter.alerts.AlertRuleParser;
import dev.agentmeter.storage.StorageSettings;
import dev.agentmeter.storage.postgres.PostgresLocation;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.web.WebSecurity;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of {@code agentmeter} (a picocli mixin), each with its environment variable, and their checks:
 * {@link #settings()} turns them into the immutable {@link Settings} or says in one line what is wrong (the checks and
 * conversions of single values are {@link OptionChecks}).
 */
final class Options {

    static final int MIN_TOKEN_LENGTH = 16;
    static final int MAX_PORT = 65_535;
    private static final int MAX_CAPACITY = 1_000_000;
    private static final int MAX_STORAGE_QUEUE = 10_000_000;

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

    // The command this mixin is part of, so that a mistake names it as picocli would.
    @Spec(Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec spec;

    /**
     * The settings these options give, checked together.
     *
     * @throws CommandLine.ParameterException for a bad option value, answered as picocli answers any (exit 2)
     * @throws IllegalArgumentException for a bad alert rule or webhook URL
     */
    Settings settings() {
        var check = new OptionChecks(spec.commandLine());
        OptionChecks.requirePort(spec.commandLine(), port);
        check.inRange("--history-size", historySize, 1, MAX_CAPACITY);
        check.inRange("--error-log-size", errorLogSize, 1, MAX_CAPACITY);
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
        check.inRange("--alert-interval", alertIntervalSeconds, 1, 3_600);
        check.inRange("--storage-queue", storageQueue, 1, MAX_STORAGE_QUEUE);
        List<AlertRule> rules = alerts.stream().filter(rule -> !rule.isBlank()).map(AlertRuleParser::parse).toList();
        return new Settings(host, port, stdio, !noHttp, historySize, errorLogSize, allowedOrigins,
                check.dataDir(data), check.database(data), check.retention(retention), accessToken.map(String::strip),
                insecure, limit, tls, rules, check.webhook(alertWebhook), Duration.ofSeconds(alertIntervalSeconds),
                storageQueue, check.otlpDestination(otlpEndpoint), check.prices(pricesFile));
    }

}
