package dev.agentmeter.web.api;

import dev.agentmeter.operations.Arguments;

/**
 * An endpoint that calls one operation: gathers its arguments from the query string or the JSON body,
 * calls it, and answers with its envelope. A simulation answers when it has run, without holding a thread.
 */
final class OperationEndpoint implements ApiEndpoint {

    /** Where the arguments come from. */
    enum Source { QUERY, BODY }

    private final Source source;
    private final ApiOperation operation;
    private final RequestArguments arguments;
    private final EnvelopeResponder responder;

    OperationEndpoint(Source source, ApiOperation operation, RequestArguments arguments, EnvelopeResponder responder) {
        this.source = source;
        this.operation = operation;
        this.arguments = arguments;
        this.responder = responder;
    }

    @Override
    public void serve(ApiExchange exchange) {
        var extracted = source == Source.QUERY ? arguments.fromQuery(exchange) : arguments.fromBody(exchange);
        if (extracted instanceof RequestArguments.Refused refused) {
            responder.send(exchange, refused.failure());
            return;
        }
        var values = ((RequestArguments.Values) extracted).values();
        operation.call(Arguments.of(values)).whenComplete((envelope, failure) -> {
            if (failure != null) {
                responder.sendFailure(exchange, failure);
            } else {
                responder.send(exchange, envelope);
            }
        });
    }
}
