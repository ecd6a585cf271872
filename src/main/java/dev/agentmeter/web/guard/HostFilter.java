package dev.agentmeter.web.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Refuses every request whose {@code Host} this server does not answer to ({@link AllowedHosts}) with 421
 * Misdirected Request, before anything else looks at it: DNS rebinding must reach neither the figures nor a
 * reset, and {@link dev.agentmeter.web.api.SameOriginGuard} may then trust {@code Host} as this server's own name.
 *
 * <p>Thread-safe.
 */
public final class HostFilter extends HttpFilter {

    static final int MISDIRECTED_REQUEST = 421;

    private final AllowedHosts hosts;
    private final JsonCodec json;

    public HostFilter(AllowedHosts hosts, JsonCodec json) {
        this.hosts = hosts;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String host = request.getHeader("Host");
        if (hosts.allows(host)) {
            chain.doFilter(request, response);
            return;
        }
        var failure = new Envelope.Failure(ErrorCode.FORBIDDEN, "this server does not answer to the host '"
                + Printable.of(host) + "'; use localhost or 127.0.0.1, or start it with --host or --allowed-origin "
                + "naming this host");
        response.resetBuffer();
        byte[] body = json.write(failure).getBytes(StandardCharsets.UTF_8);
        JsonResponses.write(response, MISDIRECTED_REQUEST, Map.of(), body, !"HEAD".equals(request.getMethod()));
    }
}
