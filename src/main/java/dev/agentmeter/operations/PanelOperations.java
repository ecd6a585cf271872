package dev.agentmeter.operations;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations behind the dashboard panel that an MCP client shows in its conversation (an MCP App): the
 * short summary that answers {@code show_dashboard} wherever the panel cannot be shown, and the live view the
 * panel redraws itself from. Both take the same optional filter, one task ({@code task}) or one agent
 * ({@code agent}), validated like every argument. Built on {@link PerformanceOperations}' own operations, so
 * the panel shows exactly what the JSON API and the web dashboard show.
 *
 * <p>Thread-safe: stateless over thread-safe operations.
 */
public final class PanelOperations {

    private final PerformanceOperations operations;
    private final int errorLogSize;
    private final int historySize;

    /** Over {@code operations}, whose history and error log hold {@code historySize} and {@code errorLogSize}. */
    public PanelOperations(PerformanceOperations operations, int historySize, int errorLogSize) {
        this.operations = operations;
        this.historySize = historySize;
        this.errorLogSize = errorLogSize;
    }

    /**
     * {@code show_dashboard}: figures and a few sentences about all tasks, one task (not found when it has no
     * task since the last reset) or one agent (none yet is a summary that says so, not an error).
     */
    public Envelope showDashboard(Arguments arguments) {
        Checked<PanelFilter> checked = filter(arguments);
        if (checked instanceof Checked.Invalid<PanelFilter> invalid) {
            return Envelope.invalidArgument(invalid.message());
        }
        PanelFilter filter = ((Checked.Valid<PanelFilter>) checked).value();
        MetricsView metrics = (MetricsView) data(operations.getPerformanceMetrics(Arguments.none()));
        if (filter.task() != null) {
            Envelope task = operations.getTaskStatsByName(Arguments.of(Map.of("name", filter.task())));
            return task instanceof Envelope.Failure ? task
                    : Envelope.success(DashboardSummaries.ofTask((TaskStatsView) data(task)));
        }
        List<TaskStatsView> tasks = taskStats(filter.agent());
        if (filter.agent() != null) {
            return Envelope.success(DashboardSummaries.ofAgent(filter.agent(), agentStats(filter.agent()),
                    topFailing(tasks)));
        }
        return Envelope.success(DashboardSummaries.ofAll(metrics, topFailing(tasks)));
    }

    /**
     * The panel's live view: the dashboard (metrics, newest tasks and failures), the per-task table, the
     * per-second series and the per-model table. With {@code agent} the table and the series are that agent's
     * tasks; with {@code task} the table, the newest tasks and the newest failures are that task's. The metrics
     * and the models are always every task's, as on the web dashboard.
     */
    public Envelope getLiveView(Arguments arguments) {
        Checked<PanelFilter> checked = filter(arguments);
        if (checked instanceof Checked.Invalid<PanelFilter> invalid) {
            return Envelope.invalidArgument(invalid.message());
        }
        PanelFilter filter = ((Checked.Valid<PanelFilter>) checked).value();
        LiveView all = operations.liveView();
        if (filter.agent() != null) {
            Arguments agent = Arguments.of(Map.of("agent", filter.agent()));
            return Envelope.success(new LiveView(all.dashboard(), taskStats(filter.agent()),
                    (TimeSeriesView) data(operations.getTimeSeries(agent)), all.models()));
        }
        if (filter.task() != null) {
            return Envelope.success(new LiveView(taskDashboard(all.dashboard(), filter.task()),
                    all.tasks().stream().filter(task -> task.name().equals(filter.task())).toList(),
                    all.timeseries(), all.models()));
        }
        return Envelope.success(all);
    }

    /** The dashboard with only {@code task}'s newest tasks and failures, found in the whole history and log. */
    private DashboardView taskDashboard(DashboardView all, String task) {
        @SuppressWarnings("unchecked")
        var history = (List<HistoryEntryView>) data(operations.getRequestHistory(limit(historySize)));
        @SuppressWarnings("unchecked")
        var errors = (List<ErrorEntryView>) data(operations.getErrorLog(limit(errorLogSize)));
        return new DashboardView(all.metrics(),
                history.stream().filter(entry -> entry.endpoint().equals(task))
                        .limit(OperationCatalogue.DASHBOARD_RECENT_REQUESTS).toList(),
                errors.stream().filter(entry -> entry.endpoint().equals(task))
                        .limit(OperationCatalogue.DASHBOARD_RECENT_ERRORS).toList());
    }

    @SuppressWarnings("unchecked")
    private List<TaskStatsView> taskStats(String agent) {
        Arguments arguments = agent == null ? Arguments.none() : Arguments.of(Map.of("agent", agent));
        return (List<TaskStatsView>) data(operations.getTaskStats(arguments));
    }

    @SuppressWarnings("unchecked")
    private Optional<AgentStatsView> agentStats(String agent) {
        return ((List<AgentStatsView>) data(operations.getAgents(Arguments.none()))).stream()
                .filter(row -> row.agent().equals(agent)).findFirst();
    }

    /** The task with the most failures (the busier one on a tie, then by name), if any task failed. */
    private static Optional<TaskStatsView> topFailing(List<TaskStatsView> tasks) {
        return tasks.stream().filter(task -> task.failedRequests() > 0)
                .min(Comparator.comparingLong(TaskStatsView::failedRequests).reversed()
                        .thenComparing(Comparator.comparingLong(TaskStatsView::count).reversed())
                        .thenComparing(TaskStatsView::name));
    }

    private static Checked<PanelFilter> filter(Arguments arguments) {
        // show_dashboard and get_live_view take the same filter.
        Checked<ArgumentValues> checked = OperationCatalogue.GET_LIVE_VIEW.check(arguments);
        if (checked instanceof Checked.Invalid<ArgumentValues> invalid) {
            return Checked.invalid(invalid.message());
        }
        ArgumentValues values = ((Checked.Valid<ArgumentValues>) checked).value();
        if (values.text("task") != null && values.text("agent") != null) {
            return Checked.invalid("give task or agent, not both");
        }
        return Checked.valid(new PanelFilter(values.text("task"), values.text("agent")));
    }

    private static Arguments limit(int capacity) {
        return Arguments.of(Map.of("limit", capacity));
    }

    /** The data of an operation that cannot fail for the arguments it was given. */
    private static Object data(Envelope envelope) {
        if (envelope instanceof Envelope.Success success) {
            return success.data();
        }
        throw new IllegalStateException("an operation refused the panel's own arguments: " + envelope);
    }

    /** At most one of them is set; neither means every task. */
    private record PanelFilter(String task, String agent) {
    }
}
