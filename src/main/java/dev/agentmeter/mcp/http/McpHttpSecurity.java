package dev.agentmeter.mcp.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;

/**
 * Who may call {@code /mcp} over HTTP, against DNS rebinding and cross-site calls from browsers.
 *
 * <ul>
 *   <li>Origin: absent (a client that is not a browser), {@code http(s)://localhost}, {@code 127.0.0.1} or
 *       {@code [::1]} on any port, or exactly one of the configured origins. Anything else gets 403.</li>
 *   <li>Host: {@code localhost}, {@code 127.0.0.1} or {@code [::1]} on any port, or the bound host. When the
 *       server binds every interface (0.0.0.0 or ::) it is meant to be reached under names it cannot know,
 *       so the Host header is not checked then.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class McpHttpSecurity {

    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> WILDCARD_ADDRESSES = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "");

    private final List<String> allowedOrigins;
    private final List<String> allowedHosts;

    private McpHttpSecurity(List<String> allowedOrigins, List<String> allowedHosts) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    /** The policy for a server bound to {@code bindHost} that also trusts {@code extraOrigins}. */
    public static McpHttpSecurity of(String bindHost, List<String> extraOrigins) {
        var origins = new ArrayList<String>();
        for (String scheme : List.of("http", "https")) {
            LOOPBACK_HOSTS.forEach(host -> origins.add(scheme + "://" + host + ":*"));
        }
        extraOrigins.stream().map(McpHttpSecurity::withoutTrailingSlash).forEach(origins::add);

        var hosts = new ArrayList<String>();
        String host = bindHost == null ? "" : bindHost.strip();
        if (!WILDCARD_ADDRESSES.contains(host)) {
            LOOPBACK_HOSTS.forEach(loopback -> hosts.add(loopback + ":*"));
            String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            if (!LOOPBACK_HOSTS.contains(literal)) {
                hosts.add(literal + ":*");
            }
        }
        return new McpHttpSecurity(origins, hosts);
    }

    /** Allowed Origin patterns ({@code :*} stands for any port). */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** Allowed Host patterns; empty when the Host header is not checked. */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    public DefaultServerTransportSecurityValidator validator() {
        return DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(allowedOrigins)
                .allowedHosts(allowedHosts)
                .build();
    }

    /** A browser sends {@code https://example.com}; people often type {@code https://example.com/}. */
    private static String withoutTrailingSlash(String origin) {
        String trimmed = origin.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
