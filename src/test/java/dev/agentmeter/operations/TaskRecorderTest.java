package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void aRecordingWithoutRoomInTheJournalIsRefusedAndNotRecordedInMemory() {
        journal.room = 0;

        var refused = recorder.record("plan", Duration.ofMillis(5), true, null);

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(RecordingRefusedException.class);
        assertThat(metrics.snapshot().totalRequests()).isZero();
        assertThat(journal.appended).isEmpty();
    }

    @Test
    void aBatchIsRecordedWholeOrNotAtAll() {
        journal.room = 2;

        var refused = recorder.recordAll(List.of(task("a"), task("b"), task("c")));
        var kept = recorder.recordAll(List.of(task("a"), task("b")));

        assertThat(refused).isCompletedExceptionally();
        assertThat(metrics.snapshot().totalRequests()).isEqualTo(2);
        assertThat(journal.appended).hasSize(2);
        journal.appended.forEach(append -> append.complete(null));
        assertThat(kept).isCompletedWithValue(List.of(task("a"), task("b")));
    }

    @Test
    void theRefusalIsAnUnavailableEnvelopeAtTheOperation() {
        journal.room = 0;
        var operations = new PerformanceOperations(recorder, new TaskSimulator(recorder, null, System::nanoTime, 1));

        var answer = operations.recordAgentTasks(List.of(Map.of("name", "plan", "duration_ms", 5,
                "success", true)));

        assertThat(answer).isCompletedWithValue(Envelope.failure(ErrorCode.UNAVAILABLE,
                RecordingRefusedException.MESSAGE));
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

    /** A journal with room for {@code room} tasks, whose appends complete when the test says. */
    private static final class HeldJournal implements TaskJournal {
        final List<CompletableFuture<Void>> appended = new CopyOnWriteArrayList<>();
        volatile int room = Integer.MAX_VALUE;
        volatile int clears;
        volatile boolean clearedAtOnce;
        volatile Readiness readiness = Readiness.READY;

        @Override
        public Optional<Reservation> reserve(int count) {
            if (count > room) {
                return Optional.empty();
            }
            room -= count;
            return Optional.of(new Reservation() {
                @Override
                public CompletableFuture<Void> append(TaskRecord task) {
                    var future = new CompletableFuture<Void>();
                    appended.add(future);
                    return future;
                }

                @Override
                public void close() {
                    // The test counts room taken, not used.
                }
            });
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
