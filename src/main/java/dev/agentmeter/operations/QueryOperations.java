package dev.agentmeter.operations;

import java.util.List;

import dev.agentmeter.metrics.MetricsSnapshot;
import dev.agentmeter.metrics.PerformanceMetrics;

/**
 * The query family: everything that reads the figures (metrics, history, error log, dashboard, per-task,
 * per-model and per-agent breakdowns, time series, diagnosis, the live view). Each checks its arguments by its
 * {@link OperationCatalogue} spec and changes nothing.
 *
 * <p>Thread-safe: stateless over thread-safe metrics.
 */
final class QueryOperations {

    private final PerformanceMetrics metrics;
    private final DiagnosisFigures diagnosis;
    private final OperationSpec history;
    private final OperationSpec errorLog;
    private final OperationSpec diagnosisSpec;

    QueryOperations(PerformanceMetrics metrics) {
        this.metrics = metrics;
        this.diagnosis = new DiagnosisFigures(metrics);
        this.history = OperationCatalogue.getRequestHistory(metrics.capacities().historySize());
        this.errorLog = OperationCatalogue.getErrorLog(metrics.capacities().errorLogSize());
        this.diagnosisSpec = OperationCatalogue.getDiagnosis(metrics.capacities().timeSeriesWindow());
    }

    Envelope getPerformanceMetrics(Arguments arguments) {
        return OperationCatalogue.GET_PERFORMANCE_METRICS.answer(arguments,
                none -> Envelope.success(MetricsView.of(metrics.snapshot())));
    }

    Envelope getRequestHistory(Arguments arguments) {
        return history.answer(arguments, values -> Envelope.success(
                metrics.history(values.limit("limit")).stream().map(HistoryEntryView::of).toList()));
    }

    Envelope getErrorLog(Arguments arguments) {
        return errorLog.answer(arguments, values -> Envelope.success(
                metrics.errors(values.limit("limit")).stream().map(ErrorEntryView::of).toList()));
    }

    Envelope getDashboardData(Arguments arguments) {
        return OperationCatalogue.GET_DASHBOARD_DATA.answer(arguments, none -> Envelope.success(dashboard()));
    }

    Envelope getTaskStats(Arguments arguments) {
        return OperationCatalogue.GET_TASK_STATS.answer(arguments, values -> {
            String agent = values.text("agent");
            return Envelope.success(agent == null ? taskStats()
                    : metrics.agentTaskStats(agent).stream().map(TaskStatsView::of).toList());
        });
    }

    Envelope getTaskStatsByName(Arguments arguments) {
        return OperationCatalogue.GET_TASK_STATS_BY_NAME.answer(arguments, values -> {
            String name = values.text("name");
            return metrics.taskStats(name).<Envelope>map(stats -> Envelope.success(TaskStatsView.of(stats)))
                    .orElseGet(() -> noSuchTask(name));
        });
    }

    List<String> taskNames() {
        return metrics.taskNames().stream().sorted().toList();
    }

    Envelope getDiagnosis(Arguments arguments) {
        return diagnosisSpec.answer(arguments, values -> {
            String task = values.text("task");
            if (task != null && metrics.taskStats(task).isEmpty()) {
                return noSuchTask(task);
            }
            return Envelope.success(diagnosis.of(task, values.window("window")));
        });
    }

    Envelope getTimeSeries(Arguments arguments) {
        return OperationCatalogue.GET_TIME_SERIES.answer(arguments, values -> {
            String agent = values.text("agent");
            return Envelope.success(TimeSeriesView.of(
                    agent == null ? metrics.timeSeries() : metrics.agentTimeSeries(agent)));
        });
    }

    Envelope getModelStats(Arguments arguments) {
        return OperationCatalogue.GET_MODEL_STATS.answer(arguments, none -> Envelope.success(modelStats()));
    }

    Envelope getAgents(Arguments arguments) {
        return OperationCatalogue.GET_AGENTS.answer(arguments, none -> Envelope.success(
                metrics.agentStats().stream().map(AgentStatsView::of).toList()));
    }

    LiveView liveView() {
        return new LiveView(dashboard(), taskStats(), TimeSeriesView.of(metrics.timeSeries()), modelStats());
    }

    private DashboardView dashboard() {
        MetricsSnapshot snapshot = metrics.snapshot();
        var recentRequests = metrics.history(OperationCatalogue.DASHBOARD_RECENT_REQUESTS);
        var recentErrors = metrics.errors(OperationCatalogue.DASHBOARD_RECENT_ERRORS);
        return new DashboardView(MetricsView.of(snapshot), recentRequests.stream().map(HistoryEntryView::of).toList(),
                recentErrors.stream().map(ErrorEntryView::of).toList());
    }

    private List<TaskStatsView> taskStats() {
        return metrics.taskStats().stream().map(TaskStatsView::of).toList();
    }

    private List<ModelStatsView> modelStats() {
        return metrics.modelStats().stream().map(ModelStatsView::of).toList();
    }

    private Envelope noSuchTask(String name) {
        return Envelope.failure(ErrorCode.NOT_FOUND, "no task named '" + name + "' has been recorded since the "
                + "last reset" + (metrics.taskNames().isEmpty() ? " (none has)" : ""));
    }
}
