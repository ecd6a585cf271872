package dev.agentmeter.mcp.stdio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.agentmeter.mcp.AnswerText;
import dev.agentmeter.mcp.McpOperation;
import dev.agentmeter.mcp.McpOperationObserver;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;

/**
 * Times the requests of the one stdio session for {@link McpOperationObserver}: each request from the line it was
 * read on to its answer leaving for stdout, matched by JSON-RPC id. The protocol version is the one the session's
 * {@code initialize} settled on. At most {@value #MAX_PENDING} requests are awaited at once (the stdio transport
 * admits far fewer in flight); beyond that the oldest is forgotten, so a request the SDK never answers costs
 * nothing lasting.
 *
 * <p>Thread-safe: the reader thread starts requests, the SDK's threads answer them.
 */
public final class StdioOperations {

    static final int MAX_PENDING = 1_000;

    private final McpOperationObserver observer;
    private final LongSupplier nanoTime;
    // Guarded by itself; requests put by the reader thread, answers taken by the SDK's threads.
    private final Map<Object, McpOperation> pending = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, McpOperation> eldest) {
            return size() > MAX_PENDING;
        }
    };
    // Written when an initialize is answered, read by the reader thread for each later request.
    private volatile String protocolVersion;

    public StdioOperations(McpOperationObserver observer, LongSupplier nanoTime) {
        this.observer = observer;
        this.nanoTime = nanoTime;
    }

    /** A request read now, handed to the SDK. */
    public void started(JSONRPCRequest request) {
        var operation = McpOperation.of(request, protocolVersion, nanoTime.getAsLong());
        synchronized (pending) {
            pending.put(request.id(), operation);
        }
    }

    /** A request read now and answered by us without the SDK ({@code answerJson}: our JSON-RPC error). */
    public void refused(JSONRPCRequest request, String answerJson) {
        AnswerText.Answer answer = AnswerText.read(answerJson);
        McpOperation.of(request, protocolVersion, nanoTime.getAsLong()).answered(
                answer == null ? AnswerText.OTHER_ERROR : answer.errorType(), null, nanoTime.getAsLong(), observer);
    }

    /** An answer on its way to stdout. */
    public void answered(JSONRPCResponse answer) {
        McpOperation operation;
        synchronized (pending) {
            operation = pending.remove(answer.id());
        }
        if (operation == null) {
            return;
        }
        String negotiated = McpOperation.negotiatedVersion(answer);
        if (negotiated != null) {
            protocolVersion = negotiated;
        }
        operation.answered(McpOperation.errorType(answer), negotiated, nanoTime.getAsLong(), observer);
    }
}
