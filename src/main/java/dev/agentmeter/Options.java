package dev.agentmeter;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.agentmeter.alerts.AlertRule;
import dev.agentmeter.alerts.AlertRuleParser;
import dev.agentmeter.export.OtlpDestination;
import dev.agentmeter.export.OtlpEnvironment;
import dev.agentmeter.pricing.PriceFileException;
import dev.agentmeter.pricing.PriceTable;
import dev.agentmeter.storage.RetentionPeriod;
import dev.agentmeter.storage.StorageSettings;
import dev.agentmeter.storage.postgres.PostgresLocation;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.web.WebSecurity;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of {@code agentmeter} (a picocli mixin), each with its environment variable, and their checks:
 * {@link #settings()} turns them into the immutable {@link Settings} or says in one line what is wrong.
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
        requirePort(spec.commandLine(), port);
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

    /** The same check for {@code --port} wherever a command takes one. */
    static void requirePort(CommandLine commandLine, int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new CommandLine.ParameterException(commandLine, "--port must be between 0 and " + MAX_PORT
                    + ", was " + port);
        }
    }
}
