package dev.agentmeter.mcp.features;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.McpErrors;
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import reactor.core.publisher.Mono;

/**
 * Binds each resource definition to the operation of its tool: the contents are the JSON text of the envelope.
 * A task name that is not well-formed is invalid params, one without tasks is resource-not-found (-32002), and an
 * unexpected fault is logged once and answered with an internal error.
 *
 * <p>Thread-safe.
 */
public final class ResourceHandlers {

    private static final Logger log = LoggerFactory.getLogger(ResourceHandlers.class);

    private final ResourceDefinitions definitions;
    private final PerformanceOperations operations;
    private final JsonCodec json;
    private final int historySize;
    private final int errorLogSize;

    public ResourceHandlers(ResourceDefinitions definitions, PerformanceOperations operations, JsonCodec json,
                            int historySize, int errorLogSize) {
        this.definitions = definitions;
        this.operations = operations;
        this.json = json;
        this.historySize = historySize;
        this.errorLogSize = errorLogSize;
    }

    /** The four fixed resources with their handlers. */
    public List<AsyncResourceSpecification> resources() {
        return List.of(
                fixed(definitions.metrics(), () -> operations.getPerformanceMetrics(Arguments.none())),
                fixed(definitions.dashboard(), () -> operations.getDashboardData(Arguments.none())),
                fixed(definitions.history(), () -> operations.getRequestHistory(limit(historySize))),
                fixed(definitions.errors(), () -> operations.getErrorLog(limit(errorLogSize))));
    }

    /** The task template with its handler. */
    public List<AsyncResourceTemplateSpecification> templates() {
        return List.of(new AsyncResourceTemplateSpecification(definitions.task(),
                (exchange, request) -> read(request, this::taskStats)));
    }

    private AsyncResourceSpecification fixed(Resource resource, Supplier<Envelope> operation) {
        return new AsyncResourceSpecification(resource, (exchange, request) -> read(request, uri -> operation.get()));
    }

    private Envelope taskStats(String uri) {
        return TaskUris.nameOf(uri)
                .map(name -> operations.getTaskStatsByName(Arguments.of(Map.of("name", name))))
                .orElseGet(() -> Envelope.invalidArgument("the task name in " + uri + " is not percent-encoded "
                        + "UTF-8 in one path segment (write a space as %20 and a slash as %2F)"));
    }

    private Mono<ReadResourceResult> read(ReadResourceRequest request, Function<String, Envelope> operation) {
        String uri = request.uri();
        return Mono.fromSupplier(() -> operation.apply(uri))
                .flatMap(envelope -> envelope instanceof Envelope.Failure failure
                        ? Mono.<ReadResourceResult>error(McpErrors.of(failure, uri))
                        : Mono.just(contents(uri, envelope)))
                .onErrorResume(fault -> !(fault instanceof McpError), fault -> {
                    log.error("Reading resource {} failed", uri, fault);
                    return Mono.error(McpErrors.internal());
                });
    }

    private ReadResourceResult contents(String uri, Envelope envelope) {
        return ReadResourceResult.builder(List.of(TextResourceContents.builder(uri, json.write(envelope))
                .mimeType(ResourceDefinitions.MIME_TYPE)
                .build())).build();
    }

    private static Arguments limit(int capacity) {
        return Arguments.of(Map.of("limit", capacity));
    }
}
