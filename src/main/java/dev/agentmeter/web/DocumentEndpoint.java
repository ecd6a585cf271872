package dev.agentmeter.web;

import java.util.function.Function;

import dev.agentmeter.operations.Envelope;

/**
 * An endpoint whose operation takes the JSON body whole, an object or an array ({@code POST /api/tasks}
 * takes one task or a batch), rather than named arguments.
 */
final class DocumentEndpoint implements ApiEndpoint {

    private final Function<Object, Envelope> operation;
    private final RequestArguments arguments;
    private final EnvelopeResponder responder;

    DocumentEndpoint(Function<Object, Envelope> operation, RequestArguments arguments, EnvelopeResponder responder) {
        this.operation = operation;
        this.arguments = arguments;
        this.responder = responder;
    }

    @Override
    public void serve(ApiExchange exchange) {
        var extracted = arguments.documentFromBody(exchange);
        if (extracted instanceof RequestArguments.Refused refused) {
            responder.send(exchange, refused.failure());
            return;
        }
        responder.send(exchange, operation.apply(((RequestArguments.Document) extracted).json()));
    }
}
