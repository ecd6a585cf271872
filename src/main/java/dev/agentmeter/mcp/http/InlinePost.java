package dev.agentmeter.mcp.http;

import java.io.IOException;
import java.util.function.UnaryOperator;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A JSON-RPC request POSTed to {@code /mcp} in a session, served by the SDK's servlet on the request's own thread
 * and answered as one JSON body when its stream holds nothing but the answer ({@link SingleAnswerResponse}), as an
 * event stream otherwise. The SDK keeps all it does for a request (its session lookup, its record of the session's
 * activity, the request's handling); only the way its answer travels changes.
 *
 * <p>Why: the SDK answers every request as an event stream, asynchronously, through the container's character
 * writer. For a tool call that is one small event: the asynchronous states, the chunked stream and the writer cost
 * more than the call (see BENCHMARKS.md, issue 15).
 *
 * <p>Thread-safe (stateless).
 */
public final class InlinePost {

    private InlinePost() {
    }

    /**
     * Serves {@code request} (a JSON-RPC request, not an initialize) through {@code sdk}, answering {@code response};
     * the SDK writes to {@code watched} of the answer being held (see {@link HttpOperations.Watch#around}).
     */
    public static void serve(HttpServlet sdk, HttpServletRequest request, HttpServletResponse response,
                             UnaryOperator<HttpServletResponse> watched) throws IOException, ServletException {
        var answer = new SingleAnswerResponse(response);
        HttpServletResponse sdkSide = watched.apply(answer);
        var inline = new InlineAsyncRequest(request, sdkSide);
        try {
            sdk.service(inline, sdkSide);
        } finally {
            if (inline.isAsyncStarted()) {
                // The SDK returned without completing (it always completes before it returns): end the stream.
                inline.getAsyncContext().complete();
            }
        }
        answer.finish();
    }
}
