package dev.agentmeter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * @param dataDir        folder of the embedded database; {@code null} keeps tasks in memory only
 * @param retention      stored tasks older than this are deleted; {@code null} keeps them forever
 */
public record Settings(String host, int port, boolean stdio, boolean http, int historySize, int errorLogSize,
                       List<String> allowedOrigins, Path dataDir, Duration retention) {

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Loopback, a free port, HTTP only, default capacities, memory only: what tests start. */
    public static Settings forTests() {
        return dashboardOnly("127.0.0.1", 0);
    }

    /** A dashboard and JSON API on {@code host:port}, memory only, default capacities: what a proxy serves. */
    public static Settings dashboardOnly(String host, int port) {
        return new Settings(host, port, false, true, 100, 50, List.of(), null, null);
    }

    /** The same settings without HTTP. */
    public Settings withoutHttp() {
        return new Settings(host, port, stdio, false, historySize, errorLogSize, allowedOrigins, dataDir, retention);
    }

    /** The same settings with storage in {@code folder}, keeping tasks for {@code retention} (null: forever). */
    public Settings withStorage(Path folder, Duration retention) {
        return new Settings(host, port, stdio, http, historySize, errorLogSize, allowedOrigins, folder, retention);
    }
}
