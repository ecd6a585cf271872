package dev.agentmeter;

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
 */
public record Settings(String host, int port, boolean stdio, boolean http, int historySize, int errorLogSize,
                       List<String> allowedOrigins) {

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Loopback, a free port, HTTP only, default capacities: what tests start. */
    public static Settings forTests() {
        return new Settings("127.0.0.1", 0, false, true, 100, 50, List.of());
    }
}
