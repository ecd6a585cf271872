package dev.agentmeter.web.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.Envelope;

/** One of {@code PerformanceOperations}' operations, as the API calls it: arguments in, envelope out, maybe later. */
@FunctionalInterface
interface ApiOperation {

    CompletionStage<Envelope> call(Arguments arguments);

    /** An operation that answers at once. */
    static ApiOperation immediate(Function<Arguments, Envelope> operation) {
        return arguments -> CompletableFuture.completedFuture(operation.apply(arguments));
    }
}
