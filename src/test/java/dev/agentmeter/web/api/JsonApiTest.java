package dev.agentmeter.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;

class JsonApiTest {

    private final JsonCodec json = new JsonCodec();
    private final EnvelopeResponder responder = new EnvelopeResponder(json);
    private final RequestArguments arguments = new RequestArguments(json);
    private final CompletableFuture<Envelope> later = new CompletableFuture<>();

    private final JsonApi api = new JsonApi(RouteTable.<ApiEndpoint>builder()
            .get("/api/now", endpoint(ApiOperation.immediate(args -> new Envelope.Success(Map.of("at", "now")))))
            .post("/api/later", new OperationEndpoint(OperationEndpoint.Source.BODY, args -> later, arguments, responder))
            .get("/api/bug", exchange -> {
                throw new IllegalStateException("a bug");
            })
            .build(), responder);

    @Test
    void aRoutedRequestIsAnsweredWithItsEnvelope() {
        var exchange = FakeExchange.get("/api/now");

        api.handle(exchange);

        assertThat(exchange.status).isEqualTo(200);
        assertThat(exchange.envelope()).isEqualTo(Map.of("status", "success", "data", Map.of("at", "now")));
    }

    @Test
    void anUnknownPathIsNotFound() {
        var exchange = FakeExchange.get("/api/elsewhere");

        api.handle(exchange);

        assertThat(exchange.status).isEqualTo(404);
        assertThat(exchange.envelope().get("error")).isEqualTo(Map.of("code", "not_found",
                "message", "no such endpoint: /api/elsewhere"));
    }

    @Test
    void aWrongMethodIsNotAllowedWithAnAllowHeader() {
        var exchange = FakeExchange.post("/api/now", null, "");

        api.handle(exchange);

        assertThat(exchange.status).isEqualTo(405);
        assertThat(exchange.responseHeaders).containsEntry("Allow", "GET, HEAD");
    }

    @Test
    void anOperationThatFinishesLaterIsAnsweredWhenItFinishes() {
        var exchange = FakeExchange.post("/api/later", null, "");

        api.handle(exchange);
        assertThat(exchange.status).isNull();
        later.complete(new Envelope.Success(Map.of()));

        assertThat(exchange.status).isEqualTo(200);
    }

    @Test
    void anOperationThatFailsIsAnInternalError() {
        var exchange = FakeExchange.post("/api/later", null, "");

        api.handle(exchange);
        later.completeExceptionally(new IllegalStateException("a bug"));

        assertThat(exchange.status).isEqualTo(500);
        assertThat(exchange.envelope().get("error")).isEqualTo(Map.of("code", "internal_error",
                "message", "internal error; the server log has the details"));
    }

    @Test
    void anOperationRefusedBecauseTheServerStopsIsUnavailable() {
        var exchange = FakeExchange.post("/api/later", null, "");

        api.handle(exchange);
        later.completeExceptionally(new RejectedExecutionException("timer shut down"));

        assertThat(exchange.status).isEqualTo(503);
        assertThat(exchange.responseHeaders).containsEntry("Retry-After", "1");
    }

    @Test
    void anEndpointThatThrowsIsAnInternalError() {
        var exchange = FakeExchange.get("/api/bug");

        api.handle(exchange);

        assertThat(exchange.status).isEqualTo(500);
        assertThat(exchange.responseJson).doesNotContain("IllegalState", "a bug");
    }

    private OperationEndpoint endpoint(ApiOperation operation) {
        return new OperationEndpoint(OperationEndpoint.Source.QUERY, operation, arguments, responder);
    }
}
