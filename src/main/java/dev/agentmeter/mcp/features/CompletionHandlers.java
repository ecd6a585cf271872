package dev.agentmeter.mcp.features;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.agentmeter.operations.PerformanceOperations;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncCompletionSpecification;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ResourceReference;
import reactor.core.publisher.Mono;

/**
 * Completion for the arguments that have a known set of values: a task name (the prompt's {@code task} and the
 * template's {@code name}) from the names recorded since the last reset, and the prompt's {@code window} from a
 * few useful lengths. A value matches when it starts with what was typed, ignoring case; at most
 * {@value #MAX_VALUES} are returned, as the specification allows.
 *
 * <p>Thread-safe.
 */
public final class CompletionHandlers {

    static final int MAX_VALUES = 100;
    static final List<String> WINDOWS = List.of("1m", "5m", "15m");

    private final PerformanceOperations operations;

    public CompletionHandlers(PerformanceOperations operations) {
        this.operations = operations;
    }

    /** Completion of the diagnose_performance prompt's arguments and of the task template's name. */
    public List<AsyncCompletionSpecification> specifications() {
        return List.of(
                new AsyncCompletionSpecification(new PromptReference(PromptDefinitions.DIAGNOSE_PERFORMANCE),
                        (exchange, request) -> Mono.fromSupplier(() -> complete(request,
                                PromptDefinitions.WINDOW_ARGUMENT.equals(request.argument().name())
                                        ? () -> WINDOWS : operations::taskNames))),
                new AsyncCompletionSpecification(new ResourceReference(ResourceDefinitions.TASK_URI_TEMPLATE),
                        (exchange, request) -> Mono.fromSupplier(() -> complete(request, operations::taskNames))));
    }

    private static CompleteResult complete(CompleteRequest request, Supplier<List<String>> candidates) {
        String typed = request.argument().value() == null ? "" : request.argument().value().toLowerCase(Locale.ROOT);
        List<String> matches = candidates.get().stream()
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(typed))
                .toList();
        return new CompleteResult(new CompleteCompletion(matches.stream().limit(MAX_VALUES).toList(), matches.size(),
                matches.size() > MAX_VALUES));
    }
}
