package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard panel's operations over a real store with a controlled clock. */
class PanelOperationsTest {

    private final OperationsFixture fixture = new OperationsFixture();
    private final PanelOperations panel = new PanelOperations(fixture.operations, 100, 50);

    @AfterEach
    void close() throws InterruptedException {
        fixture.close();
    }

    @Test
    void anEmptyStoreSaysSoAndHowToFillIt() {
        DashboardSummary summary = summary(Map.of());

        assertThat(summary.summary()).startsWith("AgentMeter has recorded no tasks since the last reset")
                .contains("record_agent_task");
        assertThat(summary.requests()).isZero();
        assertThat(summary.p95ResponseTimeMs()).isNull();
    }

    @Test
    void theTaskWithMostFailuresIsNamedAndATieGoesToTheBusierOne() {
        record("quiet", 10, false, null);
        record("busy", 10, false, null);
        record("busy", 10, true, null);
        record("fine", 10, true, null);

        DashboardSummary summary = summary(Map.of());

        assertThat(summary.topFailingTask()).isEqualTo("busy");
        assertThat(summary.summary()).contains("4 tasks since the last reset, 2 failed (50% error rate)",
                "Most failures: task \"busy\" (1 of 2 failed).");
    }

    @Test
    void nothingFailedIsSaidPlainlyAndNamesNoTask() {
        record("fine", 1500, true, null);

        DashboardSummary summary = summary(Map.of());

        assertThat(summary.summary()).contains("1 task since the last reset, none failed").doesNotContain("Most");
        assertThat(summary.topFailingTask()).isNull();
        assertThat(summary.totalCostUsd()).isNull();
    }

    @Test
    void durationsAndMoneyReadAsAPersonWritesThem() {
        assertThat(DashboardSummaries.duration(0.35)).isEqualTo("0.35 ms");
        assertThat(DashboardSummaries.duration(4.25)).isEqualTo("4.3 ms");
        assertThat(DashboardSummaries.duration(850.2)).isEqualTo("850 ms");
        assertThat(DashboardSummaries.duration(999.7)).isEqualTo("1 s");
        assertThat(DashboardSummaries.duration(2500.0)).isEqualTo("2.5 s");
        assertThat(DashboardSummaries.duration(125_000.0)).isEqualTo("2.1 min");
        assertThat(DashboardSummaries.duration(null)).isEqualTo("n/a");
        assertThat(DashboardSummaries.money(4.1234)).isEqualTo("$4.12");
        assertThat(DashboardSummaries.money(1234.5)).isEqualTo("$1,234.50");
        assertThat(DashboardSummaries.money(0.0042)).isEqualTo("$0.0042");
        assertThat(DashboardSummaries.percent(100)).isEqualTo("100%");
        assertThat(DashboardSummaries.percent(33.333)).isEqualTo("33.3%");
    }

    @Test
    void aLiveViewForOneAgentHasItsTasksAndSeriesButEveryTasksMetrics() {
        record("mine", 10, true, "a");
        record("theirs", 10, false, "b");

        LiveView view = liveView(Map.of("agent", "a"));

        assertThat(view.tasks()).extracting(TaskStatsView::name).containsExactly("mine");
        assertThat(view.timeseries().successes().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertThat(view.timeseries().failures().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(view.dashboard().metrics().totalRequests()).isEqualTo(2);
    }

    @Test
    void aLiveViewForOneTaskFindsItsFailuresBeyondTheNewestFive() {
        record("rare", 10, false, null);
        for (int i = 0; i < 7; i++) {
            record("noisy", 10, false, null);
        }

        LiveView view = liveView(Map.of("task", "rare"));

        assertThat(view.dashboard().recentErrors()).extracting(ErrorEntryView::endpoint).containsExactly("rare");
        assertThat(view.dashboard().recentRequests()).extracting(HistoryEntryView::endpoint).containsExactly("rare");
        assertThat(view.tasks()).extracting(TaskStatsView::name).containsExactly("rare");
    }

    @Test
    void everyBadFilterIsAnInvalidArgumentEnvelope() {
        assertThat(message(panel.getLiveView(Arguments.of(Map.of("task", "a", "agent", "b")))))
                .isEqualTo("give task or agent, not both");
        assertThat(message(panel.showDashboard(Arguments.of(Map.of("agent", 7)))))
                .startsWith("agent must be a string or null");
        assertThat(message(panel.showDashboard(Arguments.of(Map.of("task", "x".repeat(101))))))
                .contains("at most 100 characters");
        assertThat(message(panel.getLiveView(Arguments.of(Map.of("limit", 3)))))
                .startsWith("unknown argument 'limit'; expected: task, agent");
    }

    private void record(String name, double durationMs, boolean success, String agent) {
        var task = new LinkedHashMap<String, Object>();
        task.put("name", name);
        task.put("duration_ms", durationMs);
        task.put("success", success);
        if (!success) {
            task.put("error", "failed");
        }
        if (agent != null) {
            task.put("agent", agent);
        }
        assertThat(fixture.operations.recordAgentTask(Arguments.of(task)).join().isError()).isFalse();
    }

    private DashboardSummary summary(Map<String, Object> arguments) {
        return (DashboardSummary) ((Envelope.Success) panel.showDashboard(Arguments.of(arguments))).data();
    }

    private LiveView liveView(Map<String, Object> arguments) {
        return (LiveView) ((Envelope.Success) panel.getLiveView(Arguments.of(arguments))).data();
    }

    private static String message(Envelope envelope) {
        assertThat(envelope).isInstanceOf(Envelope.Failure.class);
        return ((Envelope.Failure) envelope).message();
    }
}
