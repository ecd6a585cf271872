package dev.agentmeter.mcp.features;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.AlertOperations;
import dev.agentmeter.operations.AlertSource;
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import reactor.core.publisher.Mono;

/**
 * Binds each tool definition to its operation. The envelope becomes the result's structured content, its JSON
 * text the text content, and {@code isError} is true exactly when the status is error. A handler never fails:
 * an unexpected fault is logged once and answered with the internal-error envelope.
 *
 * <p>Thread-safe. No handler holds a thread while it waits: {@code simulate_agent_task} completes on a timer.
 */
public final class ToolHandlers {

    private static final Logger log = LoggerFactory.getLogger(ToolHandlers.class);

    private final ToolDefinitions definitions;
    private final PerformanceOperations operations;
    private final JsonCodec json;
    private final AlertOperations alerts;
    private final ToolObserver observer;
    private final LongSupplier nanoTime;

    public ToolHandlers(ToolDefinitions definitions, PerformanceOperations operations, JsonCodec json) {
        this(definitions, operations, new AlertOperations(AlertSource.NONE), json, ToolObserver.NONE, System::nanoTime);
    }

    /** With the alerts behind {@code get_alerts}, and an observer told of every call. */
    public ToolHandlers(ToolDefinitions definitions, PerformanceOperations operations, AlertOperations alerts,
                        JsonCodec json, ToolObserver observer, LongSupplier nanoTime) {
        this.definitions = definitions;
        this.operations = operations;
        this.alerts = alerts;
        this.json = json;
        this.observer = observer;
        this.nanoTime = nanoTime;
    }

    /** The tools with their handlers, ready for an MCP server. */
    public List<AsyncToolSpecification> specifications() {
        return List.of(
                immediate(definitions.performanceMetrics(), operations::getPerformanceMetrics),
                immediate(definitions.requestHistory(), operations::getRequestHistory),
                immediate(definitions.errorLog(), operations::getErrorLog),
                deferred(definitions.simulateAgentTask(), operations::simulateAgentTask),
                immediate(definitions.resetPerformanceMetrics(), operations::resetPerformanceMetrics),
                immediate(definitions.dashboardData(), operations::getDashboardData),
                deferred(definitions.recordAgentTask(), operations::recordAgentTask),
                immediate(definitions.alerts(), alerts::getAlerts));
    }

    private AsyncToolSpecification immediate(Tool tool, Function<Arguments, Envelope> operation) {
        return deferred(tool, arguments -> CompletableFuture.completedFuture(operation.apply(arguments)));
    }

    private AsyncToolSpecification deferred(Tool tool, Function<Arguments, CompletableFuture<Envelope>> operation) {
        return bind(tool, operation, this::result);
    }

    /**
     * {@code tool} bound to {@code operation}, observed and guarded like every tool here, its envelope made a
     * result by {@code toResult} (the dashboard panel's tools answer text of their own; see
     * {@link dev.agentmeter.mcp.app.AppHandlers}).
     */
    public AsyncToolSpecification bind(Tool tool, Function<Arguments, CompletableFuture<Envelope>> operation,
                                Function<Envelope, CallToolResult> toResult) {
        return new AsyncToolSpecification(tool, (exchange, request) -> {
            long startNanos = nanoTime.getAsLong();
            return Mono.<Envelope>defer(() -> Mono.fromFuture(operation.apply(Arguments.of(request.arguments()))))
                    .onErrorResume(fault -> {
                        log.error("Tool {} failed", tool.name(), fault);
                        return Mono.just(Envelope.internalError());
                    })
                    .doOnNext(envelope -> observer.observe(tool.name(), envelope.isError(),
                            nanoTime.getAsLong() - startNanos))
                    .map(toResult);
        });
    }

    /**
     * The house rule: the envelope is the structured content, its JSON the text. Written once as text, copied into
     * the answer, and once as the tree that is validated against the output schema ({@link StructuredJson}); both
     * straight from the envelope, an immutable value (writing the tree out as text cost more than writing the
     * envelope: BENCHMARKS.md, issue 15, "stdio-speed").
     */
    public CallToolResult result(Envelope envelope) {
        String text = json.write(envelope);
        return CallToolResult.builder()
                .structuredContent(new StructuredJson(json.tree(envelope), text, json::asMap))
                .addTextContent(text)
                .isError(envelope.isError())
                .build();
    }
}
