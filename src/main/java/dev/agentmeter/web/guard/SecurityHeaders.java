package dev.agentmeter.web.guard;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers every response carries. The policy allows only the jar's own files: no inline script or
 * style, no framing, no plugins, and the dashboard talks to nobody but its own origin.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    private SecurityHeaders() {
    }

    /** Calls {@code setHeader} once per header, replacing any earlier value. */
    static void applyTo(BiConsumer<String, String> setHeader) {
        HEADERS.forEach(setHeader);
    }
}
