package dev.agentmeter.mcp.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.mcp.DirectToolCalls;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;

/**
 * A {@code tools/call} POSTed in a session that {@link McpHttpEndpoint} has found and whose request
 * {@code RequestGuard} passed, answered on the request's thread by {@link DirectToolCalls}: the same JSON-RPC answer
 * the SDK's servlet would write, as one {@code application/json} body, without the SDK's second parse of the
 * message, its reactive session pipeline or its event stream.
 * The SDK's transport is told that the session is in use ({@link SdkSessionTable}), and the answer is given to
 * the request's metric watch as a typed answer, so it is not read back from text.
 *
 * <p>Thread-safe (stateless).
 */
final class DirectPost {

    private final DirectToolCalls calls;
    private final SdkSessionTable sdkSessions;
    private final McpJsonMapper mapper;

    DirectPost(DirectToolCalls calls, SdkSessionTable sdkSessions, McpJsonMapper mapper) {
        this.calls = calls;
        this.sdkSessions = sdkSessions;
        this.mapper = mapper;
    }

    /**
     * Whether {@code request} of session {@code sessionId} is answered here rather than by the SDK's servlet: a tool
     * call in a session the SDK still has (marked in use by this question, as the SDK's servlet marks it). Otherwise
     * the SDK's servlet answers it, 404 for a session it has closed.
     */
    boolean serves(JSONRPCRequest request, String sessionId) {
        return DirectToolCalls.serves(request) && sdkSessions.available() && sdkSessions.markActive(sessionId);
    }

    /** Answers {@code request} of session {@code sessionId}, telling {@code watch} the answer. */
    void serve(JSONRPCRequest request, String sessionId, HttpServletResponse response, HttpOperations.Watch watch)
            throws IOException {
        // Blocks this thread until the tool has answered, as the SDK's servlet did (at most 5 s: a simulated task).
        JSONRPCResponse answer = calls.answer(request).block();
        if (answer == null) { // a handler that completed empty: a bug, answered 500 by the endpoint
            throw new IllegalStateException("tool call " + request.id() + " completed without an answer");
        }
        // Marked again: a call longer than the SDK's sweep interval holds no stream the sweep would see.
        sdkSessions.markActive(sessionId);
        watch.answered(answer);
        byte[] body = mapper.writeValueAsBytes(answer);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // No Content-Length of our own: with it, the container completes the response on its last byte, before
        // the endpoint has given back this request's in-flight place, and a client answered at the cap could be
        // refused 503 on its very next request. Jetty completes it when the servlet returns, and then gives the
        // length itself when the body fits its buffer (a larger one goes out chunked).
        response.getOutputStream().write(body);
    }
}
