package dev.agentmeter;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.agentmeter.alerts.AlertRule;
import dev.agentmeter.export.OtlpDestination;
import dev.agentmeter.pricing.PriceTable;
import dev.agentmeter.storage.StorageSettings;
import dev.agentmeter.storage.postgres.PostgresLocation;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.web.WebSecurity;

/**
 * Builds {@link Settings} component by component: {@link Settings#builder()} starts from the smallest server,
 * {@link Settings#toBuilder()} from given settings; {@link #build} checks them as the record does. Not thread-safe.
 */
public final class SettingsBuilder {
    private String host = "127.0.0.1";
    private int port;
    private boolean stdio;
    private boolean http = true;
    private int historySize = 100;
    private int errorLogSize = 50;
    private List<String> allowedOrigins = List.of();
    private Path dataDir;
    private PostgresLocation database;
    private Duration retention;
    private Optional<String> token = Optional.empty();
    private boolean insecure;
    private RateLimit rateLimit = RateLimit.OFF;
    private Optional<WebSecurity.TlsKeystore> tls = Optional.empty();
    private List<AlertRule> alertRules = List.of();
    private URI alertWebhook;
    private Duration alertInterval = Settings.DEFAULT_ALERT_INTERVAL;
    private int storageQueue = StorageSettings.DEFAULT_QUEUE_CAPACITY;
    private OtlpDestination otlpExport;
    private PriceTable userPrices;

    SettingsBuilder() {
    }

    SettingsBuilder(Settings settings) {
        host = settings.host();
        port = settings.port();
        stdio = settings.stdio();
        http = settings.http();
        historySize = settings.historySize();
        errorLogSize = settings.errorLogSize();
        allowedOrigins = settings.allowedOrigins();
        dataDir = settings.dataDir();
        database = settings.database();
        retention = settings.retention();
        token = settings.token();
        insecure = settings.insecure();
        rateLimit = settings.rateLimit();
        tls = settings.tls();
        alertRules = settings.alertRules();
        alertWebhook = settings.alertWebhook();
        alertInterval = settings.alertInterval();
        storageQueue = settings.storageQueue();
        otlpExport = settings.otlpExport();
        userPrices = settings.userPrices();
    }

    public SettingsBuilder host(String value) {
        host = value;
        return this;
    }

    public SettingsBuilder port(int value) {
        port = value;
        return this;
    }

    public SettingsBuilder stdio(boolean value) {
        stdio = value;
        return this;
    }

    public SettingsBuilder http(boolean value) {
        http = value;
        return this;
    }

    public SettingsBuilder historySize(int value) {
        historySize = value;
        return this;
    }

    public SettingsBuilder errorLogSize(int value) {
        errorLogSize = value;
        return this;
    }

    public SettingsBuilder allowedOrigins(List<String> value) {
        allowedOrigins = value;
        return this;
    }

    /** Storage in {@code folder} (null: none), keeping tasks for {@code keepFor} (null: forever); no database. */
    public SettingsBuilder storage(Path folder, Duration keepFor) {
        dataDir = folder;
        database = null;
        retention = keepFor;
        return this;
    }

    /** The fleet's PostgreSQL database, keeping tasks for {@code keepFor} (null: forever); no folder. */
    public SettingsBuilder database(PostgresLocation shared, Duration keepFor) {
        dataDir = null;
        database = shared;
        retention = keepFor;
        return this;
    }

    /** The bearer token; empty for none. */
    public SettingsBuilder token(Optional<String> value) {
        token = value;
        return this;
    }

    public SettingsBuilder token(String value) {
        return token(Optional.of(value));
    }

    public SettingsBuilder insecure(boolean value) {
        insecure = value;
        return this;
    }

    public SettingsBuilder rateLimit(RateLimit value) {
        rateLimit = value;
        return this;
    }

    /** The keystore to serve HTTPS with; empty for plain HTTP. */
    public SettingsBuilder tls(Optional<WebSecurity.TlsKeystore> value) {
        tls = value;
        return this;
    }

    public SettingsBuilder tls(WebSecurity.TlsKeystore value) {
        return tls(Optional.of(value));
    }

    /** Alert rules, a webhook (or null) and an evaluation interval. */
    public SettingsBuilder alerts(List<AlertRule> rules, URI webhook, Duration interval) {
        alertRules = rules;
        alertWebhook = webhook;
        alertInterval = interval;
        return this;
    }

    public SettingsBuilder storageQueue(int tasks) {
        storageQueue = tasks;
        return this;
    }

    /** Where every recorded task is sent as a span; null for nowhere. */
    public SettingsBuilder otlpExport(OtlpDestination destination) {
        otlpExport = destination;
        return this;
    }

    /** List prices over the bundled table; null for the bundled alone. */
    public SettingsBuilder userPrices(PriceTable prices) {
        userPrices = prices;
        return this;
    }

    public Settings build() {
        return new Settings(host, port, stdio, http, historySize, errorLogSize, allowedOrigins, dataDir, database,
                retention, token, insecure, rateLimit, tls, alertRules, alertWebhook, alertInterval, storageQueue,
                otlpExport, userPrices);
    }
}
