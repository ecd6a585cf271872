package dev.agentmeter.mcp.stdio;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers stdio owes its client: a permit per line that needs an answer, taken by the reader before it hands
 * the line on and given back by whichever thread finishes it (the writer, once the answer is out). At most
 * {@code max} are owed, so the reader stops reading stdin while the client does not read stdout.
 *
 * <p>Thread-safe.
 */
final class AnswersOwed {

    private static final Logger log = LoggerFactory.getLogger(AnswersOwed.class);

    private final int max;
    private final Semaphore permits;
    private final StdioOutput output;

    AnswersOwed(int max, StdioOutput output) {
        this.max = max;
        this.permits = new Semaphore(max);
        this.output = output;
    }

    /** One more answer owed; waits while {@code max} are. */
    void take() {
        permits.acquireUninterruptibly();
    }

    /** One answer given (written, or no longer to be written). */
    void giveBack() {
        permits.release();
    }

    /** Writes an answer of the transport's own (a refusal), owed from now until it is written. */
    void answer(String json) {
        take();
        output.write(json, this::giveBack);
    }

    /** Waits, at most {@code bound}, until every answer owed so far is written; whether they all were. */
    boolean awaitAllWritten(Duration bound) throws InterruptedException {
        boolean written = permits.tryAcquire(max, bound.toMillis(), TimeUnit.MILLISECONDS);
        if (written) {
            permits.release(max);
        }
        return written;
    }

    /** stdin has ended: waits (at most {@code bound}) for the answers still owed, then for the writer to write them. */
    void drain(Duration bound) {
        try {
            if (!awaitAllWritten(bound)) {
                log.warn("stdin ended while requests were still running; not waiting for them any longer");
            }
            output.finish(bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
