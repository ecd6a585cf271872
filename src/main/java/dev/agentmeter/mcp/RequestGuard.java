package dev.agentmeter.mcp;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.agentmeter.mcp.features.ResourceDefinitions;
import dev.agentmeter.mcp.features.TaskUris;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/**
 * Every request from a client, on every transport, before the SDK sees it (and which notifications it sees at
 * all): params a handler could not read are
 * refused with {@code -32602} ({@link ParamsShapes}); an {@code initialize} is cut to what a session may keep
 * ({@link ClientInfoBounds}); a subscription is counted against its session's bound
 * ({@link SessionSubscriptions}) and must name a resource that exists ({@code -32002} otherwise). So stdio and
 * HTTP give the same answer to the same request, and no client can make a session hold more than its bounds.
 *
 * <p>Thread-safe.
 */
public final class RequestGuard {

    /** What to do with a request. */
    sealed interface Verdict permits Pass, Refuse {
    }

    /** Hand {@code request} (perhaps bounded) to the SDK. */
    public record Pass(JSONRPCRequest request) implements Verdict {
    }

    /** Answer the client {@code response}, the JSON-RPC error line, and go no further. */
    public record Refuse(String response) implements Verdict {
    }

    private static final Set<String> FIXED_RESOURCES = Set.of(ResourceDefinitions.METRICS_URI,
            ResourceDefinitions.DASHBOARD_URI, ResourceDefinitions.HISTORY_URI, ResourceDefinitions.ERRORS_URI);

    private final ParamsShapes shapes;

    public RequestGuard(McpJsonMapper mapper) {
        this.shapes = new ParamsShapes(mapper);
    }

    /**
     * Whether a client's notification is worth handing to the SDK: only {@code notifications/initialized} is. The
     * SDK acts on no other here (cancellation, roots, progress) and logs a warning for each one it gets, so a
     * client sending them in a loop would fill the log; they are dropped quietly instead, as JSON-RPC allows.
     */
    public boolean forwards(JSONRPCNotification notification) {
        return McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method());
    }

    /** The verdict on {@code request} from a session whose subscriptions are {@code subscriptions}. */
    public Verdict examine(JSONRPCRequest request, SessionSubscriptions subscriptions) {
        Optional<String> problem = shapes.problem(request.method(), request.params());
        if (problem.isPresent()) {
            return refuse(request, JsonRpcErrors.INVALID_PARAMS, problem.get(), null);
        }
        return switch (request.method()) {
            case McpSchema.METHOD_INITIALIZE -> new Pass(ClientInfoBounds.bounded(request));
            case McpSchema.METHOD_RESOURCES_SUBSCRIBE -> subscribe(request, subscriptions);
            case McpSchema.METHOD_RESOURCES_UNSUBSCRIBE -> {
                subscriptions.unsubscribe(uriOf(request));
                yield new Pass(request);
            }
            default -> new Pass(request);
        };
    }

    private static Verdict subscribe(JSONRPCRequest request, SessionSubscriptions subscriptions) {
        String uri = uriOf(request);
        if (uri.length() <= SessionSubscriptions.MAX_URI_LENGTH && !exists(uri)) {
            return refuse(request, JsonRpcErrors.RESOURCE_NOT_FOUND, "Resource not found: no resource has this URI; "
                    + "subscribe to one that resources/list or the template agentmeter://tasks/{name} names",
                    Map.of("uri", uri));
        }
        return subscriptions.subscribe(uri).<Verdict>map(refusal -> refuse(request, JsonRpcErrors.INVALID_PARAMS,
                refusal, null)).orElseGet(() -> new Pass(request));
    }

    private static boolean exists(String uri) {
        return FIXED_RESOURCES.contains(uri) || TaskUris.nameOf(uri).isPresent();
    }

    /** The {@code uri} of a (un)subscribe request whose params {@link ParamsShapes} has checked. */
    private static String uriOf(JSONRPCRequest request) {
        return String.valueOf(((Map<?, ?>) request.params()).get("uri"));
    }

    private static Refuse refuse(JSONRPCRequest request, int code, String message, Object data) {
        return new Refuse(JsonRpcErrors.response(request.id(), code, message, data));
    }
}
