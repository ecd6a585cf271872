package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.MutableClock;

class TaskRecorderTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final PerformanceMetrics metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());
    private final HeldJournal journal = new HeldJournal();
    private final TaskRecorder recorder = new TaskRecorder(metrics, journal);

    @Test
    void theRecordingIsAcknowledgedOnlyOnceTheJournalHoldsTheTask() {
        var acknowledged = recorder.record("plan", Duration.ofMillis(5), true, null);

        assertThat(acknowledged).isNotDone();
        journal.appended.get(0).complete(null);
        assertThat(acknowledged).isCompletedWithValueMatching(task -> task.name().equals("plan"));
    }

    @Test
    void theTaskIsInMemoryBeforeTheJournalHoldsIt() {
        recorder.record(task("plan"));

        assertThat(metrics.snapshot().totalRequests()).isEqualTo(1);
    }

    @Test
    void aJournalFailureStillAcknowledgesTheTaskRecordedInMemory() {
        var acknowledged = recorder.record(task("plan"));

        journal.appended.get(0).completeExceptionally(new IllegalStateException("disk full"));

        assertThat(acknowledged).isCompletedWithValue(task("plan"));
        assertThat(metrics.snapshot().totalRequests()).isEqualTo(1);
    }

    @Test
    void aResetClearsMemoryAndTheJournal() {
        recorder.record(task("plan"));
        journal.clearedAtOnce = true;

        assertThat(recorder.reset()).isEqualTo(1);

        assertThat(journal.clears).isEqualTo(1);
        assertThat(metrics.snapshot().totalRequests()).isZero();
    }

    @Test
    void readinessIsTheJournals() {
        journal.readiness = Readiness.notReady("disk full");

        assertThat(recorder.readiness()).isEqualTo(Readiness.notReady("disk full"));
    }

    @Test
    void withoutAJournalTheRecordingIsAcknowledgedAtOnce() {
        assertThat(TaskRecorder.inMemory(metrics).record(task("plan"))).isCompletedWithValue(task("plan"));
    }

    private TaskRecord task(String name) {
        return new TaskRecord(name, 10, true, null, Instant.parse("2026-11-24T10:00:00Z"));
    }

    /** A journal whose appends complete when the test says. */
    private static final class HeldJournal implements TaskJournal {
        final List<CompletableFuture<Void>> appended = new CopyOnWriteArrayList<>();
        volatile int clears;
        volatile boolean clearedAtOnce;
        volatile Readiness readiness = Readiness.READY;

        @Override
        public CompletableFuture<Void> append(TaskRecord task) {
            var future = new CompletableFuture<Void>();
            appended.add(future);
            return future;
        }

        @Override
        public CompletableFuture<Void> clear() {
            clears++;
            return clearedAtOnce ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }

        @Override
        public Readiness readiness() {
            return readiness;
        }
    }
}
