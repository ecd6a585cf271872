package dev.agentmeter.mcp.stateless;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The Streamable HTTP binding's header rules for a 2026-07-28 request: {@code MCP-Protocol-Version} and
 * {@code Mcp-Method} on every request, {@code Mcp-Name} on {@code tools/call}, {@code resources/read} and
 * {@code prompts/get}, each present once, of visible ASCII, and equal to the body's value ({@code Mcp-Name} after
 * decoding the {@code =?base64?…?=} form). Any failure is the specified {@code -32020} HeaderMismatch with 400;
 * nothing is guessed from a header the body contradicts.
 *
 * <p>Thread-safe (stateless over one request's headers).
 */
final class HttpHeaderRules implements StatelessDispatcher.TransportRules {

    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    static final String METHOD = "Mcp-Method";
    static final String NAME = "Mcp-Name";

    private static final String SENTINEL_START = "=?base64?";
    private static final String SENTINEL_END = "?=";

    private final HttpServletRequest request;

    HttpHeaderRules(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public Optional<Answer.Error> check(String method, Map<String, Object> params, RequestMeta meta) {
        Optional<Answer.Error> broken = matches(PROTOCOL_VERSION, meta.protocolVersion());
        if (broken.isEmpty()) {
            broken = matches(METHOD, method);
        }
        String field = ModernProtocol.NAMED_BY.get(method);
        if (broken.isEmpty() && field != null) {
            broken = matches(NAME, params.get(field) instanceof String value ? value : null);
        }
        return broken;
    }

    private Optional<Answer.Error> matches(String header, String bodyValue) {
        List<String> values = Collections.list(request.getHeaders(header));
        if (values.isEmpty()) {
            return mismatch("Header mismatch: the " + header + " header is required");
        }
        if (values.size() > 1) {
            return mismatch("Header mismatch: the " + header + " header must be sent once");
        }
        String raw = values.get(0);
        if (!raw.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E))) {
            return mismatch("Header mismatch: the " + header + " header holds characters a header may not");
        }
        Optional<String> value = NAME.equals(header) ? decoded(raw.strip()) : Optional.of(raw.strip());
        if (value.isEmpty()) {
            return mismatch("Header mismatch: the " + header + " header is not valid =?base64?...?= text");
        }
        if (!value.get().equals(bodyValue)) {
            return mismatch("Header mismatch: the " + header + " header does not match the body's value");
        }
        return Optional.empty();
    }

    /** The value of an {@code Mcp-Name} header, decoded when it is in the Base64 sentinel form. */
    private static Optional<String> decoded(String value) {
        if (!value.startsWith(SENTINEL_START) || !value.endsWith(SENTINEL_END)
                || value.length() < SENTINEL_START.length() + SENTINEL_END.length()) {
            return Optional.of(value);
        }
        String encoded = value.substring(SENTINEL_START.length(), value.length() - SENTINEL_END.length());
        try {
            return Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Answer.Error> mismatch(String message) {
        return Optional.of(Answer.malformed(ModernProtocol.HEADER_MISMATCH, message, null));
    }
}
