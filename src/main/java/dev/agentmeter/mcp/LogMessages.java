package dev.agentmeter.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import dev.agentmeter.metrics.MetricsEvent;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;

/**
 * The notable changes as MCP log messages: a failed task is a warning, a reset a notice. A flood cannot flood
 * a client: at most {@value #MAX_PER_SECOND} messages go out per second, and what goes beyond is counted and
 * told in one summary when that second is over ("… and 120 more failed tasks in the last second").
 *
 * <p>Thread-safe: {@link #accept} runs on recording threads and only queues (lock-free, at most
 * {@value #MAX_QUEUED} events, the rest counted); {@link #drain} runs on one notifying thread at a time.
 */
final class LogMessages implements Consumer<MetricsEvent> {

    static final String LOGGER = LogTexts.LOGGER;
    static final int MAX_PER_SECOND = 10;
    static final int MAX_QUEUED = 1_000;
    private static final long SECOND_MILLIS = 1_000;

    private final LongSupplier nowMillis;
    // Offered by recording threads, polled by the draining thread; queuedCount keeps it bounded.
    private final Queue<MetricsEvent> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedCount = new AtomicInteger();
    // Events that found the queue full: added to by recording threads, taken by the draining thread.
    private final AtomicLong overflowFailures = new AtomicLong();
    private final AtomicLong overflowResets = new AtomicLong();
    // The current one-second window and what it sent or held back. Draining thread only.
    private long windowStartMillis = Long.MIN_VALUE;
    private int sentInWindow;
    private long heldBackFailures;
    private long heldBackResets;

    LogMessages(LongSupplier nowMillis) {
        this.nowMillis = nowMillis;
    }

    @Override
    public void accept(MetricsEvent event) {
        if (event instanceof MetricsEvent.TaskRecorded recorded && recorded.task().success()
                || event instanceof MetricsEvent.UsageRecorded) {
            return; // only failures and resets are news worth a log message
        }
        if (queuedCount.incrementAndGet() > MAX_QUEUED) {
            queuedCount.decrementAndGet();
            (event instanceof MetricsEvent.MetricsReset ? overflowResets : overflowFailures).incrementAndGet();
            return;
        }
        queued.add(event);
    }

    /** The messages to send now: the summary of a second that is over, then what fits in the current one. */
    List<LoggingMessageNotification> drain() {
        var messages = new ArrayList<LoggingMessageNotification>();
        long now = nowMillis.getAsLong();
        if (windowStartMillis == Long.MIN_VALUE || now - windowStartMillis >= SECOND_MILLIS) {
            summary().ifPresent(messages::add);
            windowStartMillis = now;
            sentInWindow = 0;
        }
        heldBackFailures += overflowFailures.getAndSet(0);
        heldBackResets += overflowResets.getAndSet(0);
        for (MetricsEvent event = queued.poll(); event != null; event = queued.poll()) {
            queuedCount.decrementAndGet();
            if (sentInWindow < MAX_PER_SECOND) {
                messages.add(message(event));
                sentInWindow++;
            } else if (event instanceof MetricsEvent.MetricsReset) {
                heldBackResets++;
            } else {
                heldBackFailures++;
            }
        }
        return messages;
    }

    private Optional<LoggingMessageNotification> summary() {
        if (heldBackFailures == 0 && heldBackResets == 0) {
            return Optional.empty();
        }
        var parts = new ArrayList<String>();
        if (heldBackFailures > 0) {
            parts.add(heldBackFailures + " more failed task" + (heldBackFailures == 1 ? "" : "s"));
        }
        if (heldBackResets > 0) {
            parts.add(heldBackResets + " more reset" + (heldBackResets == 1 ? "" : "s"));
        }
        LoggingLevel level = heldBackFailures > 0 ? LoggingLevel.WARNING : LoggingLevel.NOTICE;
        heldBackFailures = 0;
        heldBackResets = 0;
        return Optional.of(notification(level, "… and " + String.join(" and ", parts)
                + " in the last second (read agentmeter://errors for the failures)"));
    }

    private static LoggingMessageNotification message(MetricsEvent event) {
        if (event instanceof MetricsEvent.TaskRecorded task) {
            return notification(LoggingLevel.WARNING, LogTexts.failedTask(task.task().name(),
                    task.task().durationMillis(), task.task().error()));
        }
        return notification(LoggingLevel.NOTICE, LogTexts.reset(((MetricsEvent.MetricsReset) event).forgottenTasks()));
    }

    private static LoggingMessageNotification notification(LoggingLevel level, String text) {
        return new LoggingMessageNotification(level, LOGGER, text);
    }
}
