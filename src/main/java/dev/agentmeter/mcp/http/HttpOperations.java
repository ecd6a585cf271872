package dev.agentmeter.mcp.http;

import java.util.function.LongSupplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.mcp.AnswerText;
import dev.agentmeter.mcp.McpOperation;
import dev.agentmeter.mcp.McpOperationObserver;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;

/**
 * Times the MCP requests of Streamable HTTP for {@link McpOperationObserver}: a POSTed request from its message
 * read to the end of its handling (the SDK holds the request's thread until the answer is written). The outcome is
 * the answer the SDK wrote ({@link AnswerWatch}) or a direct tool call's typed answer ({@link DirectPost}), else the
 * JSON-RPC answer of ours, else the HTTP status of a refusal; the protocol version is the request's
 * {@code MCP-Protocol-Version} header (for {@code initialize}, the version its answer settled on). Nothing is kept
 * between requests.
 *
 * <p>Thread-safe (stateless).
 */
public final class HttpOperations {

    private final McpOperationObserver observer;
    private final LongSupplier nanoTime;

    public HttpOperations(McpOperationObserver observer, LongSupplier nanoTime) {
        this.observer = observer;
        this.nanoTime = nanoTime;
    }

    /** Starts watching {@code message}: a request is timed from now; anything else is not an operation. */
    public Watch watch(JSONRPCMessage message, HttpServletRequest request, HttpServletResponse response) {
        if (message instanceof JSONRPCRequest call) {
            var operation = McpOperation.of(call, request.getHeader(HttpHeaders.PROTOCOL_VERSION),
                    nanoTime.getAsLong());
            return new Watch(operation, response);
        }
        return new Watch(null, response);
    }

    /** One message being handled. */
    public final class Watch {

        private final McpOperation operation;
        private final HttpServletResponse response;
        // Set on the request's thread before the SDK writes; read by it in finish.
        private AnswerWatch watched;
        // Set on the request's thread when the answer is ours and typed (a direct tool call); read by it in finish.
        private JSONRPCResponse typed;

        private Watch(McpOperation operation, HttpServletResponse response) {
            this.operation = operation;
            this.response = response;
        }

        /** The response to hand the SDK's servlet, so that its answer is seen. */
        public HttpServletResponse response() {
            return around(response);
        }

        /**
         * {@code inner}, watched: for a handler that gives the SDK a response of its own over ours (the inline
         * answer of {@link InlinePost}), so that the answer is seen before that handler rewrites it.
         */
        public HttpServletResponse around(HttpServletResponse inner) {
            if (operation == null) {
                return inner;
            }
            watched = new AnswerWatch(inner);
            return watched;
        }

        /** The request was answered with {@code answer}, by us: its outcome is read from it, not from text. */
        public void answered(JSONRPCResponse answer) {
            typed = answer;
        }

        /**
         * The message's handling ended with {@code status}, and with {@code ownAnswer} (a JSON-RPC answer of ours,
         * or {@code null}) when the SDK did not answer it.
         */
        public void finish(int status, String ownAnswer) {
            if (operation == null) {
                return;
            }
            if (typed != null) {
                operation.answered(McpOperation.errorType(typed), null, nanoTime.getAsLong(), observer);
                return;
            }
            AnswerText.Answer answer = watched == null ? null : watched.answer();
            if (answer == null && ownAnswer != null) {
                answer = AnswerText.read(ownAnswer);
            }
            String errorType = answer != null ? answer.errorType()
                    : status >= HttpServletResponse.SC_BAD_REQUEST ? Integer.toString(status) : null;
            operation.answered(errorType, answer == null ? null : answer.negotiatedVersion(), nanoTime.getAsLong(),
                    observer);
        }
    }
}
