package dev.agentmeter.mcp.stdio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the stdio client's first exchange has been answered: initialize's answer and the next one (in practice
 * tools/list, which a client sends with initialize), or stdin has ended. Until then, whatever does not serve that
 * exchange (the dashboard's HTTP server, for one) can wait, so the client's start-up does not share the cores with
 * it. Thread-safe and lock-free.
 */
public final class FirstExchange {

    /** Initialize's answer and the next: what a client waits for before it can use the server. */
    private static final int ANSWERS = 2;

    // Answers handed to the writer so far, counted up to ANSWERS by the session's threads.
    private final AtomicInteger answersSent = new AtomicInteger();
    // Completed by the session's threads at the second answer, or by the reader when stdin ends.
    private final CompletableFuture<Void> answered = new CompletableFuture<>();

    /** An answer (not a notification) is on its way to stdout. */
    public void answerSent() {
        if (answersSent.get() < ANSWERS && answersSent.incrementAndGet() == ANSWERS) {
            answered.complete(null);
        }
    }

    /** stdin has ended: no first exchange is coming. */
    public void inputEnded() {
        answered.complete(null);
    }

    public CompletionStage<Void> answered() {
        return answered;
    }
}
