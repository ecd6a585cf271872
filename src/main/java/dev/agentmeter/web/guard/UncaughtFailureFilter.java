package dev.agentmeter.web.guard;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;

/**
 * The edge: an exception that escapes any servlet (a bug) is logged here, once, with the request it broke,
 * and answered with the {@code internal_error} envelope instead of Jetty's page, which would name classes.
 * It is the first filter, so it also covers the filters after it.
 */
public final class UncaughtFailureFilter extends HttpFilter {

    private static final Logger log = LoggerFactory.getLogger(UncaughtFailureFilter.class);

    private final JsonCodec json;

    public UncaughtFailureFilter(JsonCodec json) {
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException e) {
            // The network, not a bug: almost always a client that left mid-answer.
            log.debug("I/O failure answering {} {}: {}", request.getMethod(), Printable.of(request.getRequestURI()),
                    e.toString());
        } catch (ServletException | RuntimeException e) {
            log.error("Unexpected failure answering {} {}", request.getMethod(), Printable.of(request.getRequestURI()), e);
            if (response.isCommitted()) {
                return;
            }
            var envelope = (Envelope.Failure) Envelope.internalError();
            JsonResponses.writeFailure(response, envelope, Map.of(), json, !"HEAD".equals(request.getMethod()));
            if (request.isAsyncStarted()) {
                request.getAsyncContext().complete();
            }
        }
    }
}
