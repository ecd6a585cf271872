package dev.agentmeter.mcp.stdio;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import dev.agentmeter.mcp.stateless.ModernProtocol;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/**
 * Holds the stdio requests that read or record figures until the figures exist (issue 15, start-up): an MCP client
 * that starts the process gets {@code initialize}, {@code ping} and the lists answered while storage is still
 * being rebuilt, and its first tool call, read or prompt waits, in the order it came, until the rebuild and the
 * parts after it are done. Should start-up fail, each request held, and each that comes later, is refused with the
 * reason instead.
 *
 * <p>Written by hand: the held requests must leave in their order and before any request that comes after the
 * figures exist, which a future's callbacks (run in no stated order) would not promise. At most
 * {@value #MAX_WAITING} requests wait; beyond that the reader waits too, and so stops reading stdin.
 *
 * <p>Thread-safe: the stdin reader admits, whoever completes the figures' future lets the waiting requests go.
 */
final class FiguresGate {

    static final int MAX_WAITING = StdioTransport.MAX_IN_FLIGHT;

    /** Answered at once: they need the definitions alone, never the figures. */
    private static final Set<String> WITHOUT_FIGURES = Set.of(McpSchema.METHOD_INITIALIZE, McpSchema.METHOD_PING,
            McpSchema.METHOD_TOOLS_LIST, McpSchema.METHOD_PROMPT_LIST, McpSchema.METHOD_RESOURCES_LIST,
            McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, McpSchema.METHOD_LOGGING_SET_LEVEL, ModernProtocol.DISCOVER);

    /** A request that waits: let through once the figures exist, or refused with why they never will. */
    private record Waiting(Runnable pass, Consumer<String> refuse) {
    }

    private final Semaphore room = new Semaphore(MAX_WAITING);
    private final Object lock = new Object();
    // Guarded by lock: added to by the reader, emptied by the thread that settles the gate.
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    // Written once (under lock) when every request held has been let through or refused; read by the reader.
    private volatile boolean settled;
    // Written before settled; null when the figures exist.
    private volatile String refusal;
    private final CompletableFuture<Void> emptied = new CompletableFuture<>();

    FiguresGate(CompletionStage<?> figuresReady) {
        figuresReady.whenComplete((ready, fault) -> settle(fault == null ? null : reasonOf(fault)));
    }

    /** Whether {@code message} waits for the figures: a request that is not one {@link #WITHOUT_FIGURES} names. */
    static boolean needsFigures(JSONRPCMessage message) {
        return message instanceof JSONRPCRequest request && !WITHOUT_FIGURES.contains(request.method());
    }

    /**
     * Runs {@code pass} now if the figures exist, {@code refuse} with the reason if they never will, or keeps the
     * request until the gate settles; called by the reader.
     */
    void admit(Runnable pass, Consumer<String> refuse) {
        var request = new Waiting(pass, refuse);
        if (!settled) {
            room.acquireUninterruptibly();
            synchronized (lock) {
                if (!settled) {
                    waiting.add(request);
                    return;
                }
            }
            room.release();
        }
        release(request);
    }

    /** Whether the gate has settled and every request it held has been let through or refused. */
    boolean isEmptied() {
        return emptied.isDone();
    }

    /** Waits until {@link #isEmptied}: start-up settles the gate within its own bound, so this wait is bounded. */
    void awaitEmptied() {
        emptied.join();
    }

    private void settle(String reason) {
        refusal = reason;
        while (true) {
            List<Waiting> batch;
            synchronized (lock) {
                if (waiting.isEmpty()) {
                    settled = true;
                    break;
                }
                batch = List.copyOf(waiting);
                waiting.clear();
            }
            for (Waiting request : batch) { // outside the lock: passing a request runs its handler
                room.release();
                release(request);
            }
        }
        emptied.complete(null);
    }

    private void release(Waiting request) {
        String reason = refusal;
        if (reason == null) {
            request.pass().run();
        } else {
            request.refuse().accept(reason);
        }
    }

    /** The failure's own message: start-up words it for the client ("storage did not start: ..."). */
    private static String reasonOf(Throwable fault) {
        Throwable cause = fault instanceof CompletionException && fault.getCause() != null ? fault.getCause() : fault;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
