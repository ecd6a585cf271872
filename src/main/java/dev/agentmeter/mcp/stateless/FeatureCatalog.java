package dev.agentmeter.mcp.stateless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.agentmeter.mcp.McpFeatures;
import dev.agentmeter.mcp.features.TaskUris;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import reactor.core.publisher.Mono;

/**
 * The features of {@link McpFeatures}, served to 2026-07-28 clients by the very handlers the SDK serves to
 * 2025-11-25 clients: the same tool, resource, prompt and completion specifications, called here directly. Their
 * handlers take no exchange (nothing of a session reaches them; that is what makes them stateless), so they are
 * called without one. Lookup by name, URI or reference is ours, as the SDK's server does it for its own clients:
 * an unknown tool or prompt is invalid params with the SDK's words, an unknown resource is invalid params too (the
 * 2026-07-28 code for resource-not-found, which 2025-11-25 numbered {@code -32002}).
 *
 * <p>Thread-safe (immutable once built).
 */
final class FeatureCatalog {

    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() {
    };
    private static final int LEGACY_RESOURCE_NOT_FOUND = -32002;

    private final McpJsonMapper mapper;
    private final Map<String, AsyncToolSpecification> tools;
    private final Map<String, AsyncResourceSpecification> resources;
    private final AsyncResourceTemplateSpecification taskTemplate;
    private final Map<String, AsyncPromptSpecification> prompts;
    private final List<AsyncCompletionSpecification> completions;

    FeatureCatalog(McpFeatures features, McpJsonMapper mapper) {
        this.mapper = mapper;
        this.tools = ordered(Stream.concat(features.tools().specifications().stream(), features.app().tools().stream()),
                tool -> tool.tool().name());
        this.resources = ordered(Stream.concat(features.resources().resources().stream(),
                Stream.of(features.app().resource())), resource -> resource.resource().uri());
        this.taskTemplate = features.resources().templates().get(0);
        this.prompts = ordered(features.prompts().specifications().stream(), prompt -> prompt.prompt().name());
        this.completions = features.completions().specifications();
    }

    Map<String, Object> listTools() {
        return Map.of("tools", tools.values().stream().map(tool -> object(tool.tool())).toList());
    }

    Map<String, Object> listResources() {
        return Map.of("resources", resources.values().stream().map(resource -> object(resource.resource())).toList());
    }

    Map<String, Object> listResourceTemplates() {
        return Map.of("resourceTemplates", List.of(object(taskTemplate.resourceTemplate())));
    }

    Map<String, Object> listPrompts() {
        return Map.of("prompts", prompts.values().stream().map(prompt -> object(prompt.prompt())).toList());
    }

    /** Whether {@code uri} names a resource here: a fixed one, or a task by the template. */
    boolean hasResource(String uri) {
        return resources.containsKey(uri) || TaskUris.nameOf(uri).isPresent();
    }

    CompletableFuture<Answer> callTool(Map<String, Object> params) {
        var request = mapper.convertValue(params, CallToolRequest.class);
        var tool = tools.get(request.name());
        if (tool == null) {
            return done(Answer.invalidParams("Unknown tool: " + request.name()));
        }
        return answer(tool.callHandler().apply(null, request));
    }

    CompletableFuture<Answer> readResource(Map<String, Object> params) {
        var request = mapper.convertValue(params, ReadResourceRequest.class);
        var fixed = resources.get(request.uri());
        if (fixed != null) {
            return answer(fixed.readHandler().apply(null, request));
        }
        if (request.uri().startsWith(TaskUris.PREFIX)) {
            return answer(taskTemplate.readHandler().apply(null, request));
        }
        return done(new Answer.Error(ModernProtocol.INVALID_PARAMS, "Resource not found: no resource has this URI",
                Map.of("uri", request.uri()), 200));
    }

    CompletableFuture<Answer> getPrompt(Map<String, Object> params) {
        var request = mapper.convertValue(params, GetPromptRequest.class);
        var prompt = prompts.get(request.name());
        if (prompt == null) {
            return done(Answer.invalidParams("Invalid prompt name"));
        }
        return answer(prompt.promptHandler().apply(null, request));
    }

    CompletableFuture<Answer> complete(Map<String, Object> params) {
        var request = mapper.convertValue(params, CompleteRequest.class);
        Optional<AsyncCompletionSpecification> completion = completions.stream()
                .filter(spec -> spec.referenceKey().type().equals(request.ref().type())
                        && spec.referenceKey().identifier().equals(request.ref().identifier()))
                .findFirst();
        if (completion.isEmpty()) {
            return done(Answer.invalidParams("Invalid params: nothing here completes " + request.ref().type() + " "
                    + request.ref().identifier()));
        }
        return answer(completion.get().completionHandler().apply(null, request));
    }

    /** A handler's answer: its result as JSON fields, or its {@link McpError} as a JSON-RPC error. */
    private CompletableFuture<Answer> answer(Mono<?> handled) {
        return handled.<Answer>map(result -> new Answer.Result(object(result)))
                .onErrorResume(McpError.class, error -> Mono.just(error(error)))
                .toFuture();
    }

    private static Answer error(McpError error) {
        var rpc = error.getJsonRpcError();
        int code = rpc.code() == LEGACY_RESOURCE_NOT_FOUND ? ModernProtocol.INVALID_PARAMS : rpc.code();
        return new Answer.Error(code, rpc.message(), rpc.data(), 200);
    }

    private Map<String, Object> object(Object sdkRecord) {
        return mapper.convertValue(sdkRecord, OBJECT);
    }

    private static CompletableFuture<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }

    private static <T> Map<String, T> ordered(Stream<T> specifications, Function<T, String> key) {
        return specifications.collect(Collectors.toMap(key, Function.identity(), (first, second) -> first,
                LinkedHashMap::new));
    }
}
