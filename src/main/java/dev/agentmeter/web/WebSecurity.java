package dev.agentmeter.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.agentmeter.web.guard.RateLimit;

/**
 * What makes the web server safe to share: the access token, the per-address rate limit, the origins allowed
 * to call the API across sites, TLS, and how long a stop waits for requests in flight.
 *
 * @param token          the secret every protected request must show; empty for none (loopback use)
 * @param rateLimit      requests per client address; {@link RateLimit#OFF} for none, which also lifts the cap on
 *                       requests in flight per address
 * @param corsOrigins    browser origins whose pages may call {@code /api} (exact, such as https://a.example)
 * @param tls            the keystore to serve HTTPS with; empty for plain HTTP
 * @param stopTimeout    how long a stop waits for requests in flight before it cuts them off
 */
public record WebSecurity(Optional<String> token, RateLimit rateLimit, List<String> corsOrigins,
                          Optional<TlsKeystore> tls, Duration stopTimeout) {

    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Requests one client address may have in flight at once, while a rate limit is set. */
    public static final int MAX_IN_FLIGHT_PER_CLIENT = 16;

    /** A PKCS#12 keystore holding the server's key and certificate, and its password. */
    public record TlsKeystore(Path file, String password) {
        public TlsKeystore {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "TlsKeystore[file=" + file + ", password=(hidden)]";
        }
    }

    public WebSecurity {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(tls, "tls");
        corsOrigins = corsOrigins.stream().map(WebSecurity::withoutTrailingSlash).toList();
        if (stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new IllegalArgumentException("stopTimeout must be positive, was " + stopTimeout);
        }
    }

    /** No token, no limit, no CORS, plain HTTP: a server for this machine alone. */
    public static WebSecurity none() {
        return new WebSecurity(Optional.empty(), RateLimit.OFF, List.of(), Optional.empty(), DEFAULT_STOP_TIMEOUT);
    }

    @Override
    public String toString() {
        return "WebSecurity[token=" + (token.isPresent() ? "(hidden)" : "none") + ", rateLimit=" + rateLimit
                + ", corsOrigins=" + corsOrigins + ", tls=" + tls + ", stopTimeout=" + stopTimeout + "]";
    }

    private static String withoutTrailingSlash(String origin) {
        String trimmed = origin.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
