package dev.agentmeter.mcp.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.McpErrors;
import dev.agentmeter.mcp.features.ToolHandlers;
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.DashboardSummary;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PanelOperations;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import reactor.core.publisher.Mono;

/**
 * Binds the dashboard panel's definitions: the resource reads the page that {@link AppPage} assembled once,
 * with the same {@code _meta} as its listing (hosts prefer the read's); the tools call the panel operations
 * through {@link ToolHandlers}, so they are observed and guarded like every tool. {@code show_dashboard}'s text
 * is its summary, for a model to read and a client without MCP Apps to show; its structured content is the
 * envelope, as everywhere. A page that cannot be assembled is a bug: logged once, answered as an internal error.
 *
 * <p>Thread-safe.
 */
public final class AppHandlers {

    private static final Logger log = LoggerFactory.getLogger(AppHandlers.class);

    private final AppDefinitions definitions;
    private final PanelOperations operations;
    private final ToolHandlers tools;
    private final JsonCodec json;
    private final AppPage page;

    public AppHandlers(AppDefinitions definitions, PanelOperations operations, ToolHandlers tools, JsonCodec json,
                       AppPage page) {
        this.definitions = definitions;
        this.operations = operations;
        this.tools = tools;
        this.json = json;
        this.page = page;
    }

    /** {@code show_dashboard} and {@code get_live_view} with their handlers. */
    public List<AsyncToolSpecification> tools() {
        return List.of(
                tools.bind(definitions.showDashboard(), immediate(operations::showDashboard), this::summaryResult),
                tools.bind(definitions.liveView(), immediate(operations::getLiveView), tools::result));
    }

    /** The panel's page. */
    public AsyncResourceSpecification resource() {
        return new AsyncResourceSpecification(definitions.dashboard(), (exchange, request) ->
                Mono.fromCallable(page::html)
                        .map(html -> ReadResourceResult.builder(List.of(
                                TextResourceContents.builder(AppDefinitions.RESOURCE_URI, html)
                                        .mimeType(AppDefinitions.MIME_TYPE)
                                        .meta(AppDefinitions.RESOURCE_META)
                                        .build())).build())
                        .onErrorResume(fault -> {
                            log.error("The dashboard panel's page could not be assembled", fault);
                            return Mono.error(McpErrors.internal());
                        }));
    }

    private CallToolResult summaryResult(Envelope envelope) {
        if (!(envelope instanceof Envelope.Success success) || !(success.data() instanceof DashboardSummary summary)) {
            return tools.result(envelope);
        }
        return CallToolResult.builder()
                .structuredContent(json.asMap(envelope))
                .addTextContent(summary.summary())
                .isError(false)
                .build();
    }

    private static Function<Arguments, CompletableFuture<Envelope>> immediate(Function<Arguments, Envelope> operation) {
        return arguments -> CompletableFuture.completedFuture(operation.apply(arguments));
    }
}
