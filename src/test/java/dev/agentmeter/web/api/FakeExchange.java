package dev.agentmeter.web.api;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.agentmeter.web.Envelopes;
import dev.agentmeter.web.events.EventSink;

/** An {@link ApiExchange} held in memory: the request the test describes, the answer the API gives. */
final class FakeExchange implements ApiExchange {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> headers = new HashMap<>();
    private RequestBody body = new RequestBody.Received(new byte[0]);
    private String remoteAddress = "127.0.0.1";
    volatile Integer status;
    volatile Map<String, String> responseHeaders;
    volatile String responseJson;

    FakeExchange(String method, String path, String rawQuery) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
    }

    static FakeExchange get(String path) {
        return new FakeExchange("GET", path, null);
    }

    static FakeExchange post(String path, String contentType, String json) {
        var exchange = new FakeExchange("POST", path, null);
        if (contentType != null) {
            exchange.headers.put("Content-Type", contentType);
        }
        exchange.body = new RequestBody.Received(json.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    FakeExchange withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    FakeExchange from(String address) {
        this.remoteAddress = address;
        return this;
    }

    FakeExchange withBody(RequestBody body) {
        this.body = body;
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> rawQuery() {
        return Optional.ofNullable(rawQuery);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public RequestBody readBody() {
        return body;
    }

    @Override
    public void respond(int status, Map<String, String> headers, String json) {
        this.responseHeaders = headers;
        this.responseJson = json;
        this.status = status;
    }

    @Override
    public EventSink openEventStream() {
        throw new UnsupportedOperationException("not a stream test");
    }

    Map<String, Object> envelope() {
        return Envelopes.read(responseJson);
    }
}
