package dev.agentmeter.web.api;

import java.time.Duration;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.operations.JsonCodec;

/** The servlet side of the JSON API: adapts each request to an {@link ApiExchange} and hands it over. */
public final class ApiServlet extends HttpServlet {

    /** Longer than the longest simulation (5 s), so only a stuck operation meets it. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final transient JsonApi api;
    private final transient JsonCodec json;

    public ApiServlet(JsonApi api, JsonCodec json) {
        this.api = api;
        this.json = json;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        var exchange = new ServletApiExchange(request, response, json, ANSWER_TIMEOUT.toMillis());
        try {
            api.handle(exchange);
        } finally {
            exchange.leaveServiceThread();
        }
    }
}
