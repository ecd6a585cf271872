package dev.agentmeter.web.guard;

import java.util.Map;

/**
 * The largest request body each path accepts: the JSON API's by default, and a mounted servlet's own under its
 * path (MCP takes larger messages). Whatever serves a path must refuse a body over its limit itself.
 *
 * @param defaultBytes the limit of every path not listed
 * @param byPrefix     the limit under each listed path prefix (such as {@code /mcp}), the longest prefix winning
 */
public record BodyLimits(int defaultBytes, Map<String, Integer> byPrefix) {

    public BodyLimits {
        byPrefix = Map.copyOf(byPrefix);
    }

    /** The limit of the body of a request for {@code path} (decoded, within the context). */
    int forPath(String path) {
        int limit = defaultBytes;
        int longest = -1;
        for (var entry : byPrefix.entrySet()) {
            String prefix = entry.getKey();
            boolean under = path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
            if (under && prefix.length() > longest) {
                longest = prefix.length();
                limit = entry.getValue();
            }
        }
        return limit;
    }
}
