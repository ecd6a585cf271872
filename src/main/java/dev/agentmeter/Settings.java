package dev.agentmeter;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.agentmeter.alerts.AlertRule;

/**
 * Everything the command line decides, immutable; each part receives the piece it needs.
 *
 * @param host           address the HTTP server binds
 * @param port           HTTP port; 0 picks a free one
 * @param stdio          serve MCP on stdin/stdout
 * @param http           serve HTTP at all (off only with {@code --stdio --no-http})
 * @param historySize    request history capacity
 * @param errorLogSize   error log capacity
 * @param allowedOrigins browser origins allowed besides localhost and 127.0.0.1 on any port
 * @param alertRules     alert rules to evaluate ({@code --alert})
 * @param alertWebhook   where alert transitions are POSTed; null for nowhere
 * @param alertInterval  how often the rules are evaluated
 */
public record Settings(String host, int port, boolean stdio, boolean http, int historySize, int errorLogSize,
                       List<String> allowedOrigins, List<AlertRule> alertRules, URI alertWebhook,
                       Duration alertInterval) {

    public static final Duration DEFAULT_ALERT_INTERVAL = Duration.ofSeconds(5);

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
        alertRules = List.copyOf(alertRules);
    }

    /** Without alert rules. */
    public Settings(String host, int port, boolean stdio, boolean http, int historySize, int errorLogSize,
                    List<String> allowedOrigins) {
        this(host, port, stdio, http, historySize, errorLogSize, allowedOrigins, List.of(), null,
                DEFAULT_ALERT_INTERVAL);
    }

    /** Loopback, a free port, HTTP only, default capacities, no alert rules: what tests start. */
    public static Settings forTests() {
        return new Settings("127.0.0.1", 0, false, true, 100, 50, List.of(), List.of(), null,
                DEFAULT_ALERT_INTERVAL);
    }

    /** These settings with alert rules, a webhook (or null) and an evaluation interval. */
    public Settings withAlerts(List<AlertRule> rules, URI webhook, Duration interval) {
        return new Settings(host, port, stdio, http, historySize, errorLogSize, allowedOrigins, rules, webhook,
                interval);
    }
}
