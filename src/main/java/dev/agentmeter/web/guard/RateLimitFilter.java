package dev.agentmeter.web.guard;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;

/**
 * Answers 429 with {@code Retry-After} once a client address has used up its {@link ClientRateLimiter}
 * bucket. The address is the connection's own: {@code X-Forwarded-For} is anyone's to write. It runs before
 * the token check, so guessing tokens is rate-limited too. {@code /health} is exempt: it is cheap, holds no
 * data, and a load balancer's probe must not be told a healthy server is unhealthy.
 *
 * <p>Thread-safe.
 */
public final class RateLimitFilter extends HttpFilter {

    private final ClientRateLimiter limiter;
    private final JsonCodec json;

    public RateLimitFilter(ClientRateLimiter limiter, JsonCodec json) {
        this.limiter = limiter;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("/health".equals(request.getServletPath())
                || !(limiter.acquire(request.getRemoteAddr()) instanceof ClientRateLimiter.Limited limited)) {
            chain.doFilter(request, response);
            return;
        }
        var failure = new Envelope.Failure(ErrorCode.RATE_LIMITED,
                "too many requests from this address; retry in " + limited.retryAfterSeconds() + " s");
        JsonResponses.writeFailure(response, failure,
                Map.of("Retry-After", Long.toString(limited.retryAfterSeconds()), "Connection", "close"), json,
                !"HEAD".equals(request.getMethod()));
    }
}
