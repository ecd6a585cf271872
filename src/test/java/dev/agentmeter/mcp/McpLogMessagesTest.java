package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;

/** Notable changes as log messages, and a flood held to a few a second with one summary. */
class McpLogMessagesTest {

    private final AtomicLong nowMillis = new AtomicLong(1_000_000);
    private final LogMessages messages = new LogMessages(nowMillis::get);

    @Test
    void aFailedTaskIsAWarningNamingTheTaskTheTimeAndTheError() {
        messages.accept(taskRecorded("fetch \"page\"", 12.34, false, "timeout"));

        assertThat(messages.drain()).singleElement().satisfies(message -> {
            assertThat(message.level()).isEqualTo(LoggingLevel.WARNING);
            assertThat(message.logger()).isEqualTo("agentmeter");
            assertThat(message.data()).isEqualTo("task \"fetch \"page\"\" failed after 12.3 ms: timeout");
        });
    }

    @Test
    void aSuccessfulTaskIsNotNotable() {
        messages.accept(taskRecorded("fine", 1, true, null));

        assertThat(messages.drain()).isEmpty();
    }

    @Test
    void usageWithoutATaskIsNotNotable() {
        messages.accept(usageRecorded());

        assertThat(messages.drain()).isEmpty();
    }

    @Test
    void aResetIsANotice() {
        messages.accept(new MetricsEvent.MetricsReset(1));

        assertThat(messages.drain()).singleElement().satisfies(message -> {
            assertThat(message.level()).isEqualTo(LoggingLevel.NOTICE);
            assertThat(message.data()).isEqualTo("metrics reset: 1 recorded task was forgotten");
        });
    }

    @Test
    void aFloodIsHeldToTenASecondThenSummarizedOnce() {
        IntStream.range(0, 130).forEach(i -> messages.accept(failure("f" + i)));

        List<LoggingMessageNotification> firstSecond = messages.drain();
        nowMillis.addAndGet(250);
        List<LoggingMessageNotification> sameSecond = messages.drain();
        nowMillis.addAndGet(800);
        List<LoggingMessageNotification> nextSecond = messages.drain();

        assertThat(firstSecond).hasSize(LogMessages.MAX_PER_SECOND);
        assertThat(sameSecond).isEmpty();
        assertThat(nextSecond).singleElement().satisfies(summary -> {
            assertThat(summary.level()).isEqualTo(LoggingLevel.WARNING);
            assertThat(summary.data()).startsWith("… and 120 more failed tasks in the last second");
        });
    }

    @Test
    void whatFitsInANewSecondIsSentAfterTheSummary() {
        IntStream.range(0, 12).forEach(i -> messages.accept(failure("f" + i)));
        messages.drain();
        nowMillis.addAndGet(1_000);
        messages.accept(failure("late"));
        messages.accept(new MetricsEvent.MetricsReset(3));

        assertThat(messages.drain()).extracting(LoggingMessageNotification::data).containsExactly(
                "… and 2 more failed tasks in the last second (read agentmeter://errors for the failures)",
                "task \"late\" failed after 1.0 ms: boom",
                "metrics reset: 3 recorded tasks were forgotten");
    }

    @Test
    void eventsBeyondTheQueueAreCountedNotKept() {
        IntStream.range(0, LogMessages.MAX_QUEUED + 50).forEach(i -> messages.accept(failure("f" + i)));
        messages.drain();
        nowMillis.addAndGet(1_000);

        assertThat(messages.drain()).singleElement().extracting(LoggingMessageNotification::data).asString()
                .startsWith("… and " + (LogMessages.MAX_QUEUED + 50 - LogMessages.MAX_PER_SECOND) + " more failed tasks");
    }

    private static MetricsEvent failure(String name) {
        return taskRecorded(name, 1, false, "boom");
    }

    private static MetricsEvent taskRecorded(String name, double millis, boolean success, String error) {
        return new MetricsEvent.TaskRecorded(new TaskRecord(name, Math.round(millis * 1000), success, error,
                java.time.Instant.EPOCH));
    }

    private static MetricsEvent usageRecorded() {
        return new MetricsEvent.UsageRecorded(null, new ModelCall("m", null, 5L, null, null, null, null),
                java.time.Instant.EPOCH);
    }
}
