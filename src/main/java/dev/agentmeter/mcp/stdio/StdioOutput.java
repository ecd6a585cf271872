package dev.agentmeter.mcp.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * stdout of the stdio transport: one writer thread ({@code agentmeter-stdio-out}) writes every line, in the order
 * they were handed over, so lines never interleave. What waits for it is bounded even when the client does not
 * read: answers are bounded by whoever hands them over (the transport's in-flight permits), and notifications of
 * our own by {@value #MAX_QUEUED_NOTIFICATIONS} places here, beyond which they are dropped (and counted in the log)
 * until the client reads again.
 *
 * <p>Thread-safe.
 */
final class StdioOutput {

    static final int MAX_QUEUED_NOTIFICATIONS = 256;

    private static final Logger log = LoggerFactory.getLogger(StdioOutput.class);

    private final OutputStream stdout;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
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
        this.stdout = stdout;
    }

    /** Writes {@code json} after what was handed over before; {@code written} runs once it is out (or dropped). */
    void write(String json, Runnable written) {
        try {
            writer.execute(() -> {
                try {
                    writeLine(json);
                } finally {
                    written.run();
                }
            });
        } catch (RejectedExecutionException e) { // shut down: stdin has ended and the last answers are out
            written.run();
        }
    }

    /** Writes {@code json}; the Mono completes once it is out. */
    Mono<Void> answer(String json) {
        return Mono.fromFuture(() -> CompletableFuture.runAsync(() -> writeLine(json), writer));
    }

    /** Writes a notification of ours, or drops it while {@value #MAX_QUEUED_NOTIFICATIONS} wait already. */
    Mono<Void> notification(String json) {
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
                    writeLine(json);
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

    private void writeLine(String json) {
        if (stdoutClosed) {
            return;
        }
        try {
            stdout.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            stdout.flush();
        } catch (IOException e) {
            stdoutClosed = true;
            log.warn("stdout is closed; MCP answers are dropped from now on: {}", e.toString());
        } catch (VirtualMachineError e) {
            FatalErrors.exit("the stdio writer", e);
        }
    }
}
