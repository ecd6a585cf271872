package dev.agentmeter.mcp.stateless;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.McpOperationObserver;
import dev.agentmeter.mcp.ParamsShapes;

/**
 * Answers one 2026-07-28 request, on whichever transport it came: checks its {@code _meta} ({@code -32602} when a
 * required key is missing), lets the transport check its own rules (the HTTP headers), checks the version
 * ({@code -32022} with the versions served), then calls the method. Every result gets {@code resultType} and the
 * server's identity in {@code _meta}; {@code server/discover}, the three lists, the template list and reads get
 * cache hints. Methods that 2026-07-28 removed ({@code initialize} aside, which selects 2025-11-25), such as
 * {@code ping}, {@code logging/setLevel} and {@code resources/subscribe}, are unknown methods here.
 * {@code subscriptions/listen} is the transports' (it opens a stream); they call {@link #check} for it.
 *
 * <p>{@link McpOperationObserver} hears of every request answered here: it is the one place where method, tool name,
 * version, error and duration are known together.
 *
 * <p>Thread-safe; nothing is kept between requests.
 */
public final class StatelessDispatcher {

    /** The transport's own check of a request whose meta was read: an error to answer, or empty to go on. */
    @FunctionalInterface
    public interface TransportRules {
        TransportRules NONE = (method, params, meta) -> Optional.empty();

        Optional<Answer.Error> check(String method, Map<String, Object> params, RequestMeta meta);
    }

    /** Lists never change while the process runs: an hour fresh, the same for every caller. */
    static final long LIST_TTL_MILLIS = 3_600_000;

    private static final Logger log = LoggerFactory.getLogger(StatelessDispatcher.class);

    private final FeatureCatalog catalog;
    private final ParamsShapes shapes;
    private final ServerIdentity identity;
    private final McpOperationObserver observer;
    private final LongSupplier nanoTime;

    StatelessDispatcher(FeatureCatalog catalog, ParamsShapes shapes, ServerIdentity identity,
                        McpOperationObserver observer, LongSupplier nanoTime) {
        this.catalog = catalog;
        this.shapes = shapes;
        this.identity = identity;
        this.observer = observer;
        this.nanoTime = nanoTime;
    }

    /** Answers {@code method} with {@code params}; the future never fails. */
    public CompletableFuture<Reply> dispatch(String method, Object params, TransportRules rules) {
        long startNanos = nanoTime.getAsLong();
        var checked = check(method, params, rules);
        CompletableFuture<Reply> reply;
        if (checked instanceof Checked.Refused refused) {
            reply = CompletableFuture.completedFuture(Reply.of(refused.error()));
        } else {
            var valid = (Checked.Valid) checked;
            reply = call(method, valid.params(), valid.meta()).exceptionally(fault -> {
                log.error("MCP {} failed", method, fault);
                return Reply.of(new Answer.Error(ModernProtocol.INTERNAL_ERROR,
                        "internal error; the server log has the details", null, 200));
            });
        }
        return reply.whenComplete((answered, fault) -> observe(method, params, answered, startNanos));
    }

    /** Everything but the method's own work: meta, the transport's rules, version, then the params' shape. */
    public Checked check(String method, Object params, TransportRules rules) {
        var read = RequestMeta.read(params);
        if (read instanceof RequestMeta.Refused refused) {
            return new Checked.Refused(Answer.malformed(ModernProtocol.INVALID_PARAMS, refused.message(), null));
        }
        @SuppressWarnings("unchecked")
        var object = (Map<String, Object>) params;
        var meta = ((RequestMeta.Valid) read).meta();
        Optional<Answer.Error> broken = rules.check(method, object, meta);
        if (broken.isPresent()) {
            return new Checked.Refused(broken.get());
        }
        if (!ModernProtocol.isModern(meta.protocolVersion())) {
            return new Checked.Refused(Answer.malformed(ModernProtocol.UNSUPPORTED_PROTOCOL_VERSION,
                    "Unsupported protocol version", Map.of("supported", ModernProtocol.SUPPORTED,
                            "requested", meta.protocolVersion())));
        }
        Optional<String> problem = shapes.problem(method, params);
        if (problem.isPresent()) {
            return new Checked.Refused(Answer.invalidParams(problem.get()));
        }
        return new Checked.Valid(object, meta);
    }

    /** Whether a request may be served: valid (with its params and meta), or refused with an error. */
    public sealed interface Checked permits Checked.Valid, Checked.Refused {
        record Valid(Map<String, Object> params, RequestMeta meta) implements Checked {
        }

        record Refused(Answer.Error error) implements Checked {
        }
    }

    /** The fields a result carries besides its own: {@code resultType} and who answered. */
    Map<String, Object> complete(Map<String, Object> fields) {
        var result = new LinkedHashMap<>(fields);
        result.put("resultType", "complete");
        var meta = new LinkedHashMap<String, Object>();
        if (fields.get("_meta") instanceof Map<?, ?> own) {
            own.forEach((key, value) -> meta.put(String.valueOf(key), value));
        }
        meta.put(ModernProtocol.SERVER_INFO_KEY, identity.serverInfo());
        result.put("_meta", meta);
        return result;
    }

    private CompletableFuture<Reply> call(String method, Map<String, Object> params, RequestMeta meta) {
        return switch (method) {
            case ModernProtocol.DISCOVER -> listed(Map.of("supportedVersions", ModernProtocol.SUPPORTED,
                    "capabilities", identity.capabilities(), "instructions", identity.instructions()));
            case ModernProtocol.TOOLS_LIST -> listed(catalog.listTools());
            case ModernProtocol.RESOURCES_LIST -> listed(catalog.listResources());
            case ModernProtocol.RESOURCE_TEMPLATES_LIST -> listed(catalog.listResourceTemplates());
            case ModernProtocol.PROMPTS_LIST -> listed(catalog.listPrompts());
            case ModernProtocol.TOOLS_CALL -> catalog.callTool(params).thenApply(answer -> toolReply(answer, params,
                    meta));
            case ModernProtocol.RESOURCES_READ -> catalog.readResource(params)
                    .thenApply(answer -> Reply.of(cached(answer, 0, "private")));
            case ModernProtocol.PROMPTS_GET -> catalog.getPrompt(params).thenApply(answer -> Reply.of(completed(answer)));
            case ModernProtocol.COMPLETE -> catalog.complete(params).thenApply(answer -> Reply.of(completed(answer)));
            default -> CompletableFuture.completedFuture(Reply.of(new Answer.Error(ModernProtocol.METHOD_NOT_FOUND,
                    "Method not found: " + method + " (MCP 2026-07-28 has no such method here)", null, 404)));
        };
    }

    private Reply toolReply(Answer answer, Map<String, Object> params, RequestMeta meta) {
        Answer done = completed(answer);
        return done instanceof Answer.Result result
                ? new Reply(RequestLogs.of(meta, params, result.fields()), done) : Reply.of(done);
    }

    private CompletableFuture<Reply> listed(Map<String, Object> fields) {
        return CompletableFuture.completedFuture(Reply.of(cached(new Answer.Result(fields), LIST_TTL_MILLIS, "public")));
    }

    private Answer cached(Answer answer, long ttlMillis, String scope) {
        if (!(answer instanceof Answer.Result result)) {
            return answer;
        }
        var fields = new LinkedHashMap<>(result.fields());
        fields.put("ttlMs", ttlMillis);
        fields.put("cacheScope", scope);
        return completed(new Answer.Result(fields));
    }

    private Answer completed(Answer answer) {
        return answer instanceof Answer.Result result ? new Answer.Result(complete(result.fields())) : answer;
    }

    private void observe(String method, Object params, Reply reply, long startNanos) {
        try {
            String version = RequestMeta.claimedVersion(params).map(String::valueOf).orElse(null);
            String error = null;
            if (reply != null && reply.answer() instanceof Answer.Error failure) {
                error = failure.type();
            } else if (reply != null && reply.answer() instanceof Answer.Result result
                    && Boolean.TRUE.equals(result.fields().get("isError"))) {
                error = McpOperationObserver.TOOL_ERROR;
            }
            observer.observe(method, toolName(method, params), version, error, nanoTime.getAsLong() - startNanos);
        } catch (RuntimeException e) {
            log.warn("An MCP dispatch observer failed: {}", e.toString());
        }
    }

    /** The tool a {@code tools/call} names ({@code gen_ai.tool.name}); {@code null} for every other method. */
    private static String toolName(String method, Object params) {
        return ModernProtocol.TOOLS_CALL.equals(method) && params instanceof Map<?, ?> map
                && map.get("name") instanceof String name ? name : null;
    }
}
