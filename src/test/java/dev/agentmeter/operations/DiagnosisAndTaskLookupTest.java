package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsEvent;

/** The operations behind MCP resources, prompts and completions: one task's figures, a diagnosis, events. */
class DiagnosisAndTaskLookupTest {

    private final OperationsFixture fixture = new OperationsFixture();
    private final PerformanceOperations operations = fixture.operations;

    @AfterEach
    void stopTimer() throws InterruptedException {
        fixture.close();
    }

    @Test
    void oneTaskIsLookedUpByName() {
        record("deep search/v2", 40, true);
        record("deep search/v2", 60, false);

        TaskStatsView stats = (TaskStatsView) data(operations.getTaskStatsByName(Arguments.of(Map.of("name", "deep search/v2"))));

        assertThat(stats.name()).isEqualTo("deep search/v2");
        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.failedRequests()).isEqualTo(1);
    }

    @Test
    void anUnknownTaskNameIsNotFound() {
        Envelope envelope = operations.getTaskStatsByName(Arguments.of(Map.of("name", "never ran")));

        assertThat(envelope).isEqualTo(Envelope.failure(ErrorCode.NOT_FOUND,
                "no task named 'never ran' has been recorded since the last reset (none has)"));
    }

    @Test
    void aBlankTaskNameIsAnInvalidArgument() {
        assertThat(operations.getTaskStatsByName(Arguments.of(Map.of("name", " ")))).isEqualTo(
                Envelope.invalidArgument("name must not be empty or blank"));
    }

    @Test
    void taskNamesAreSortedAndForgottenByAReset() {
        record("zeta", 1, true);
        record("alpha", 1, true);

        assertThat(operations.taskNames()).containsExactly("alpha", "zeta");
        operations.resetPerformanceMetrics(Arguments.none());
        assertThat(operations.taskNames()).isEmpty();
    }

    @Test
    void aDiagnosisCoversEveryTaskOverFifteenMinutesByDefault() {
        record("fetch", 10, true);
        record("fetch", 900, true);
        record("parse", 20, false);

        DiagnosisView diagnosis = (DiagnosisView) data(operations.getDiagnosis(Arguments.none()));

        assertThat(diagnosis.task()).isNull();
        assertThat(diagnosis.window()).isEqualTo("15m");
        assertThat(diagnosis.metrics().totalRequests()).isEqualTo(3);
        assertThat(diagnosis.tasks()).extracting(TaskStatsView::name).containsExactly("fetch", "parse");
        assertThat(diagnosis.recent().seconds()).isEqualTo(900);
        assertThat(diagnosis.recent().totalRequests()).isEqualTo(3);
        assertThat(diagnosis.recent().failedRequests()).isEqualTo(1);
        assertThat(diagnosis.recent().trend()).hasSize(15);
        assertThat(diagnosis.slowestRequests()).first().extracting(HistoryEntryView::responseTimeMs).isEqualTo(900.0);
        assertThat(diagnosis.recentErrors()).extracting(ErrorEntryView::endpoint).containsExactly("parse");
    }

    @Test
    void aDiagnosisOfOneTaskKeepsToItsFiguresAndTheWindow() {
        record("fetch", 10, false);
        fixture.clock.advance(Duration.ofMinutes(10));
        record("fetch", 30, false);
        record("parse", 20, false);

        DiagnosisView diagnosis = (DiagnosisView) data(operations.getDiagnosis(
                Arguments.of(Map.of("task", "fetch", "window", "5m"))));

        assertThat(diagnosis.task()).isEqualTo("fetch");
        assertThat(diagnosis.window()).isEqualTo("5m");
        assertThat(diagnosis.tasks()).extracting(TaskStatsView::name).containsExactly("fetch");
        assertThat(diagnosis.recentErrors()).singleElement().extracting(ErrorEntryView::timestamp)
                .isEqualTo("2026-11-24T10:10:00.000Z");
        assertThat(diagnosis.slowestRequests()).extracting(HistoryEntryView::responseTimeMs).containsExactly(30.0);
    }

    @Test
    void aWindowBeyondTheTimeSeriesIsClampedToIt() {
        DiagnosisView diagnosis = (DiagnosisView) data(operations.getDiagnosis(Arguments.of(Map.of("window", "2h"))));

        assertThat(diagnosis.window()).isEqualTo("15m");
    }

    @Test
    void badDiagnosisArgumentsAreErrorEnvelopes() {
        assertThat(operations.getDiagnosis(Arguments.of(Map.of("window", "soon")))).isEqualTo(Envelope.invalidArgument(
                "window must be a duration such as 30s, 15m or 1h, got string \"soon\""));
        assertThat(operations.getDiagnosis(Arguments.of(Map.of("window", "0s")))).isEqualTo(Envelope.invalidArgument(
                "window must be at least 1s, got string \"0s\""));
        assertThat(operations.getDiagnosis(Arguments.of(Map.of("task", "ghost"))).isError()).isTrue();
        assertThat(operations.getDiagnosis(Arguments.of(Map.of("verbose", "yes")))).isEqualTo(Envelope.invalidArgument(
                "unknown argument 'verbose'; expected: task, window"));
    }

    @Test
    void eventListenersLearnOfEachTaskAndEachReset() {
        var events = new CopyOnWriteArrayList<MetricsEvent>();
        operations.addEventListener(events::add);

        record("flaky", 12.5, false);
        operations.resetPerformanceMetrics(Arguments.none());

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(MetricsEvent.TaskRecorded.class, recorded -> {
            assertThat(recorded.task().name()).isEqualTo("flaky");
            assertThat(recorded.task().durationMillis()).isEqualTo(12.5);
            assertThat(recorded.task().success()).isFalse();
            assertThat(recorded.task().error()).isEqualTo("boom");
        });
        assertThat(events.get(1)).isEqualTo(new MetricsEvent.MetricsReset(1));
    }

    @Test
    void aRemovedEventListenerHearsNothingMore() {
        var events = new CopyOnWriteArrayList<MetricsEvent>();
        Consumer<MetricsEvent> listener = events::add;
        operations.addEventListener(listener);
        operations.removeEventListener(listener);

        record("quiet", 1, true);

        assertThat(events).isEmpty();
    }

    private void record(String name, double millis, boolean success) {
        fixture.metrics.record(name, Duration.ofNanos((long) (millis * 1_000_000)), success, success ? null : "boom");
    }

    private static Object data(Envelope envelope) {
        assertThat(envelope).isInstanceOf(Envelope.Success.class);
        return ((Envelope.Success) envelope).data();
    }
}
