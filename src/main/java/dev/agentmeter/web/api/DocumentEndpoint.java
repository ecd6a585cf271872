package dev.agentmeter.web.api;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import dev.agentmeter.operations.Envelope;

/**
 * An endpoint whose operation takes the JSON body whole, an object or an array ({@code POST /api/tasks}
 * takes one task or a batch), rather than named arguments. It answers when the operation has, without
 * holding a thread while the tasks are made durable.
 */
final class DocumentEndpoint implements ApiEndpoint {

    private final Function<Object, CompletionStage<Envelope>> operation;
    private final RequestArguments arguments;
    private final EnvelopeResponder responder;

    DocumentEndpoint(Function<Object, CompletionStage<Envelope>> operation, RequestArguments arguments, EnvelopeResponder responder) {
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
        operation.apply(((RequestArguments.Document) extracted).json()).whenComplete((envelope, failure) -> {
            if (failure != null) {
                responder.sendFailure(exchange, failure);
            } else {
                responder.send(exchange, envelope);
            }
        });
    }
}
