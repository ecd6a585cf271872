package dev.agentmeter.web.guard;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;

/**
 * Caps the requests one client address has in flight at once (429 beyond). The rate limit alone lets a
 * client start hundreds of five-second simulations or hold every MCP slot; the shared caps behind them
 * (simulations in flight, concurrent MCP calls) would then refuse everyone else. A request counts until its
 * answer is complete, asynchronous ones included. Only addresses with requests in flight are kept.
 *
 * <p>Thread-safe.
 */
public final class InFlightLimitFilter extends HttpFilter {

    private final int maxPerClient;
    private final JsonCodec json;
    // Incremented and decremented by request threads; an entry is removed when its count returns to 0.
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    public InFlightLimitFilter(int maxPerClient, JsonCodec json) {
        this.maxPerClient = maxPerClient;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("/health".equals(request.getServletPath())) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        if (!tryEnter(client)) {
            refuse(request, response);
            return;
        }
        var release = new Release(client);
        try {
            chain.doFilter(request, response);
        } finally {
            // A request answered later (a simulation, an event stream) still counts until it completes.
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(release);
            } else {
                release.run();
            }
        }
    }

    private boolean tryEnter(String client) {
        boolean[] entered = {false};
        inFlight.compute(client, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerClient) {
                return count;
            }
            entered[0] = true;
            return current + 1;
        });
        return entered[0];
    }

    private void leave(String client) {
        inFlight.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var failure = new Envelope.Failure(ErrorCode.RATE_LIMITED, "too many requests in flight from this address "
                + "(at most " + maxPerClient + "); retry when one has been answered");
        JsonResponses.writeFailure(response, failure, Map.of("Retry-After", "1", "Connection", "close"), json,
                !"HEAD".equals(request.getMethod()));
    }

    /** Leaves exactly once, whichever way the request ends. */
    private final class Release implements AsyncListener, Runnable {
        private final String client;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(String client) {
            this.client = client;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                leave(client);
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // The timeout's own answer completes the request; onComplete follows.
        }

        @Override
        public void onError(AsyncEvent event) {
            run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Still the same request in flight.
        }
    }
}
