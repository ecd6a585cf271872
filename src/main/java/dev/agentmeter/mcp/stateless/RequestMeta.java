package dev.agentmeter.mcp.stateless;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a 2026-07-28 request says about itself in {@code params._meta}: its protocol version, the client's
 * capabilities (for this request only, checked to be there) and the log level it asks for. Read once per request;
 * nothing of it is kept afterwards.
 *
 * @param protocolVersion the revision the request is written in
 * @param logLevel        the lowest level of log message the client wants for this request, {@code null} for none
 */
public record RequestMeta(String protocolVersion, String logLevel) {

    /** The syslog levels of MCP logging, lowest first. */
    static final List<String> LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical", "alert",
            "emergency");

    /** Whether a message at {@code level} is wanted: a level was asked for and {@code level} is at or above it. */
    public boolean wantsLog(String level) {
        return logLevel != null && LEVELS.indexOf(level) >= LEVELS.indexOf(logLevel);
    }

    /** The protocol version a request's {@code params} claim, if they claim one at all (the modern form's mark). */
    public static Optional<Object> claimedVersion(Object params) {
        if (params instanceof Map<?, ?> map && map.get("_meta") instanceof Map<?, ?> meta
                && meta.containsKey(ModernProtocol.PROTOCOL_VERSION_KEY)) {
            return Optional.ofNullable(meta.get(ModernProtocol.PROTOCOL_VERSION_KEY));
        }
        return Optional.empty();
    }

    /**
     * The meta of {@code params}, or the {@code -32602} message that refuses it: the specification makes the
     * protocol version (a string) and the client capabilities (an object) required, the log level one of
     * {@link #LEVELS} when present.
     */
    static Read read(Object params) {
        if (!(params instanceof Map<?, ?> map) || !(map.get("_meta") instanceof Map<?, ?> meta)) {
            return new Refused("Invalid params: a 2026-07-28 request carries params._meta with \""
                    + ModernProtocol.PROTOCOL_VERSION_KEY + "\" and \"" + ModernProtocol.CLIENT_CAPABILITIES_KEY + "\"");
        }
        if (!(meta.get(ModernProtocol.PROTOCOL_VERSION_KEY) instanceof String version)) {
            return new Refused("Invalid params: params._meta[\"" + ModernProtocol.PROTOCOL_VERSION_KEY
                    + "\"] is required and must be a string");
        }
        if (!(meta.get(ModernProtocol.CLIENT_CAPABILITIES_KEY) instanceof Map)) {
            return new Refused("Invalid params: params._meta[\"" + ModernProtocol.CLIENT_CAPABILITIES_KEY
                    + "\"] is required and must be an object ({} when the client has no optional capabilities)");
        }
        Object level = meta.get(ModernProtocol.LOG_LEVEL_KEY);
        if (level != null && !(level instanceof String text && LEVELS.contains(text))) {
            return new Refused("Invalid params: params._meta[\"" + ModernProtocol.LOG_LEVEL_KEY + "\"] must be one of "
                    + String.join(", ", LEVELS));
        }
        return new Valid(new RequestMeta(version, level == null ? null : ((String) level).toLowerCase(Locale.ROOT)));
    }

    /** What reading a request's meta gave. */
    sealed interface Read permits Valid, Refused {
    }

    record Valid(RequestMeta meta) implements Read {
    }

    record Refused(String message) implements Read {
    }
}
