package dev.agentmeter.mcp.stdio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * stdout of the stdio transport: one writer thread ({@code agentmeter-stdio-out}) writes every line, in the order
 * they were handed over, so lines never interleave. Lines go through a buffer that is flushed whenever no other line
 * waits: a lone answer leaves at once, answers to pipelined calls leave together in a few writes. What waits for it
 * is bounded even when the client does not read: answers are bounded by whoever hands them over (the transport's
 * {@link AnswersOwed}), and notifications of our own by {@value #MAX_QUEUED_NOTIFICATIONS} places here, beyond
 * which they are dropped (and counted in the log) until the client reads again.
 *
 * <p>Thread-safe.
 */
final class StdioOutput {

    static final int MAX_QUEUED_NOTIFICATIONS = 256;

    private static final Logger log = LoggerFactory.getLogger(StdioOutput.class);

    private static final int BUFFER_BYTES = 64 * 1024;

    // Written by the writer thread only; flushed when no other line waits, so answers that pile up while a client
    // pipelines its calls go out in few writes, and a lone answer goes out at once.
    private final OutputStream stdout;
    // The lines waiting for the writer: a line is flushed when, once it is written, none waits here.
    private final BlockingQueue<Runnable> waiting = new LinkedBlockingQueue<>();
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, waiting, runnable -> {
        var thread = new Thread(runnable, "agentmeter-stdio-out");
        thread.setDaemon(true);
        return thread;
    });
    // Notifications waiting for the writer: counted up by whoever sends one, down by the writer.
    private final AtomicInteger queuedNotifications = new AtomicInteger();
    // Notifications dropped since stdout was last read: counted by senders, reset by the writer.
    private final AtomicLong droppedNotifications = new AtomicLong();
    // Written and read by the writer thread only.
    private boolean stdoutClosed;

    StdioOutput(OutputStream stdout) {
        this.stdout = new BufferedOutputStream(stdout, BUFFER_BYTES);
    }

    /** Writes {@code json} after what was handed over before; {@code written} runs once it is out (or dropped). */
    void write(String json, Runnable written) {
        try {
            writer.execute(() -> {
                try {
                    writeLine(() -> json.getBytes(StandardCharsets.UTF_8));
                } finally {
                    written.run();
                }
            });
        } catch (RejectedExecutionException e) { // shut down: stdin has ended and the last answers are out
            written.run();
        }
    }

    /**
     * Writes the line {@code json} makes; the Mono completes once it is out. The line is made on the writer thread,
     * so the thread that answered a request is free for the next one while its answer is written.
     */
    Mono<Void> answer(Supplier<byte[]> json) {
        return Mono.fromFuture(() -> CompletableFuture.runAsync(() -> writeLine(json), writer));
    }

    /** Writes a notification of ours, or drops it while {@value #MAX_QUEUED_NOTIFICATIONS} wait already. */
    Mono<Void> notification(byte[] json) {
        return Mono.defer(() -> {
            if (queuedNotifications.incrementAndGet() > MAX_QUEUED_NOTIFICATIONS) {
                queuedNotifications.decrementAndGet();
                if (droppedNotifications.getAndIncrement() == 0) {
                    log.warn("stdout is not being read: MCP notifications are dropped until it is");
                }
                return Mono.empty();
            }
            return Mono.fromFuture(CompletableFuture.runAsync(() -> {
                try {
                    writeLine(() -> json);
                    long dropped = droppedNotifications.getAndSet(0);
                    if (dropped > 0) {
                        log.info("stdout is read again; {} MCP notifications were dropped meanwhile", dropped);
                    }
                } finally {
                    queuedNotifications.decrementAndGet();
                }
            }, writer));
        });
    }

    /** Writes what was handed over (for at most {@code timeout}), then stops the writer. */
    void finish(Duration timeout) throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("stdout did not take the last answers in time");
        }
    }

    private void writeLine(Supplier<byte[]> json) {
        if (stdoutClosed) {
            return;
        }
        try {
            stdout.write(json.get());
            stdout.write('\n');
            if (waiting.isEmpty()) {
                stdout.flush();
            }
        } catch (IOException e) {
            stdoutClosed = true;
            log.warn("stdout is closed; MCP answers are dropped from now on: {}", e.toString());
        } catch (VirtualMachineError e) {
            FatalErrors.exit("the stdio writer", e);
        }
    }
}
