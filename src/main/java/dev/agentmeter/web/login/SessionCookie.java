package dev.agentmeter.web.login;

import java.time.Duration;
import java.util.Collections;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import dev.agentmeter.web.api.SameOriginGuard;

/**
 * The login session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page makes the
 * browser send it, which with {@link SameOriginGuard} is the dashboard's CSRF defence), Path=/, and Secure
 * when the server speaks TLS.
 *
 * <p>Immutable and thread-safe.
 */
public final class SessionCookie {

    static final String NAME = "agentmeter_session";

    private final boolean secure;

    public SessionCookie(boolean secure) {
        this.secure = secure;
    }

    /** The {@code Set-Cookie} value that hands {@code sessionId} to the browser. */
    String issue(String sessionId, Duration lifetime) {
        return NAME + "=" + sessionId + "; Max-Age=" + lifetime.toSeconds() + attributes();
    }

    /** The {@code Set-Cookie} value that makes the browser forget it. */
    String clear() {
        return NAME + "=; Max-Age=0" + attributes();
    }

    /** The session id the request carries, if any. */
    static Optional<String> of(HttpServletRequest request) {
        for (String header : Collections.list(request.getHeaders("Cookie"))) {
            Optional<String> id = fromHeader(header);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** The session id in one {@code Cookie} header value ({@code a=1; agentmeter_session=...}), if any. */
    static Optional<String> fromHeader(String cookieHeader) {
        for (String pair : cookieHeader.split(";")) {
            String[] nameAndValue = pair.strip().split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].equals(NAME) && !nameAndValue[1].isEmpty()) {
                return Optional.of(nameAndValue[1]);
            }
        }
        return Optional.empty();
    }

    private String attributes() {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
