package dev.agentmeter.web.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names this server answers to, against DNS rebinding: a page from another site whose name the
 * attacker re-points at this machine sends its own name in {@code Host}. Allowed on any port: {@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}, the bound host, and the host of each {@code --allowed-origin}. A server that
 * binds every interface (0.0.0.0 or ::) is meant to be reached under names it cannot know, so it allows any
 * (and needs a token there). A request without {@code Host} (HTTP/1.0) comes from no browser and passes.
 * The same rules as {@code /mcp}, which checks them again in its own protocol.
 *
 * <p>Immutable and thread-safe.
 */
public final class AllowedHosts {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> WILDCARD_ADDRESSES = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "");

    private final Set<String> hosts;
    private final boolean any;

    private AllowedHosts(Set<String> hosts, boolean any) {
        this.hosts = Set.copyOf(hosts);
        this.any = any;
    }

    /** The hosts of a server bound to {@code bindHost} whose pages may also come from {@code origins}. */
    public static AllowedHosts of(String bindHost, List<String> origins) {
        String raw = bindHost == null ? "" : bindHost.strip().toLowerCase(Locale.ROOT);
        String bound = bracketed(raw);
        if (WILDCARD_ADDRESSES.contains(raw) || WILDCARD_ADDRESSES.contains(bound)) {
            return new AllowedHosts(Set.of(), true);
        }
        var hosts = new HashSet<>(LOOPBACK_HOSTS);
        hosts.add(bound);
        for (String origin : origins) {
            try {
                String host = new URI(origin.strip()).getHost();
                if (host != null) {
                    hosts.add(host.toLowerCase(Locale.ROOT));
                }
            } catch (URISyntaxException e) {
                // Not an origin at all: it names no host to allow.
            }
        }
        return new AllowedHosts(hosts, false);
    }

    /** Whether a request with this {@code Host} header (null when absent) may be served. */
    public boolean allows(String hostHeader) {
        if (any || hostHeader == null) {
            return true;
        }
        return hosts.contains(withoutPort(hostHeader.strip().toLowerCase(Locale.ROOT)));
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** An IPv6 literal as it appears in a Host header: in brackets. */
    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
