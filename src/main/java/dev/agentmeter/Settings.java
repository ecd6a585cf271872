package dev.agentmeter;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.agentmeter.alerts.AlertRule;
import dev.agentmeter.export.OtlpDestination;
import dev.agentmeter.pricing.PriceTable;
import dev.agentmeter.storage.postgres.PostgresLocation;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.web.WebSecurity;

/**
 * Everything the command line decides, immutable; each part receives the piece it needs.
 *
 * @param host           address the HTTP server binds
 * @param port           HTTP port; 0 picks a free one
 * @param stdio          serve MCP on stdin/stdout
 * @param http           serve HTTP at all (off only with {@code --stdio --no-http})
 * @param historySize    request history capacity
 * @param errorLogSize   error log capacity
 * @param allowedOrigins browser origins allowed besides localhost and 127.0.0.1 on any port (on /mcp; on /api
 *                       through CORS)
 * @param dataDir        folder of the embedded database; {@code null} for none
 * @param database       the PostgreSQL database shared by a fleet, instead of a folder; {@code null} for none
 *                       (with neither, tasks are kept in memory only)
 * @param retention      stored tasks older than this are deleted; {@code null} keeps them forever
 * @param token          the bearer token /api, /mcp and /metrics require; empty for none
 * @param insecure       the operator chose to bind a non-loopback address without a token
 * @param rateLimit      requests per client address on every HTTP path but /health
 * @param tls            the PKCS#12 keystore to serve HTTPS with; empty for plain HTTP
 * @param alertRules     alert rules to evaluate ({@code --alert})
 * @param alertWebhook   where alert transitions are POSTed; null for nowhere
 * @param alertInterval  how often the rules are evaluated
 * @param storageQueue   tasks waiting to be written to storage at most; a recording beyond is refused (503)
 * @param otlpExport     where every recorded task is sent as an OpenTelemetry span; null for nowhere
 * @param userPrices     list prices read from {@code --prices}, over the bundled table; null for none
 */
public record Settings(String host, int port, boolean stdio, boolean http, int historySize, int errorLogSize,
                       List<String> allowedOrigins, Path dataDir, PostgresLocation database, Duration retention,
                       Optional<String> token, boolean insecure, RateLimit rateLimit,
                       Optional<WebSecurity.TlsKeystore> tls,
                       List<AlertRule> alertRules, URI alertWebhook, Duration alertInterval, int storageQueue,
                       OtlpDestination otlpExport, PriceTable userPrices) {

    public static final Duration DEFAULT_ALERT_INTERVAL = Duration.ofSeconds(5);

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
        alertRules = List.copyOf(alertRules);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(alertInterval, "alertInterval");
        if (storageQueue < 1) {
            throw new IllegalArgumentException("storageQueue must be at least 1, was " + storageQueue);
        }
    }

    /**
     * A builder with the smallest server: loopback, a free port, HTTP only, history 100 and error log 50, memory only,
     * no token, no rate limit, no TLS, no alert rules, no export, the bundled prices. The command line sets every
     * component from its options; tests and the proxy set only what they change.
     */
    public static SettingsBuilder builder() {
        return new SettingsBuilder();
    }

    /** A dashboard and JSON API on {@code host:port}, memory only, default capacities: what a proxy serves. */
    public static Settings dashboardOnly(String host, int port) {
        return builder().host(host).port(port).build();
    }

    /** A builder holding these settings, to change some of them. */
    public SettingsBuilder toBuilder() {
        return new SettingsBuilder(this);
    }

    /** Never shows the token (nor the OTLP headers). */
    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port + ", stdio=" + stdio + ", http=" + http + ", historySize="
                + historySize + ", errorLogSize=" + errorLogSize + ", allowedOrigins=" + allowedOrigins
                + ", dataDir=" + dataDir + ", database=" + database + ", retention=" + retention + ", token="
                + (token.isPresent() ? "(hidden)" : "none") + ", insecure=" + insecure + ", rateLimit=" + rateLimit
                + ", tls=" + tls + ", alertRules=" + alertRules + ", alertWebhook=" + alertWebhook
                + ", alertInterval=" + alertInterval + ", storageQueue=" + storageQueue + ", otlpExport=" + otlpExport
                + ", userPrices=" + (userPrices == null ? "none" : userPrices.size() + " rows") + "]";
    }
}
