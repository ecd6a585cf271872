package dev.agentmeter.web.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret every protected request must show. Candidates are compared in constant time, and as
 * SHA-256 digests, so neither the position of the first wrong character nor the token's length shows in
 * how long a refusal takes.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessToken {

    private final byte[] digest;

    public AccessToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a token is not empty");
        }
        this.digest = sha256(token);
    }

    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <this token>}. */
    boolean matchesAuthorization(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return matches(header.substring(7).strip());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
