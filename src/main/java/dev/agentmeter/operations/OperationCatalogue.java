package dev.agentmeter.operations;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every operation's arguments, declared once. The operations check their input by these specs, the MCP tools'
 * input schemas are made from them, the JSON API parses query strings by them, and a test holds README's
 * reference to them. Operations whose limits depend on the configured capacities are made from those.
 * {@code record_agent_task} and {@code POST /api/tasks} take a task report, whose fields {@link TaskReports}
 * declares.
 *
 * <p>Immutable and thread-safe.
 */
public final class OperationCatalogue {

    public static final int DEFAULT_LIMIT = 10;
    /** How many of the newest tasks and failures {@code get_dashboard_data} carries. */
    public static final int DASHBOARD_RECENT_REQUESTS = 10;
    public static final int DASHBOARD_RECENT_ERRORS = 5;
    public static final double DEFAULT_SIMULATION_SECONDS = 1;
    public static final double MAX_SIMULATION_SECONDS = 5;
    public static final Duration DEFAULT_DIAGNOSIS_WINDOW = Duration.ofMinutes(15);

    private static final ArgumentSpec AGENT = ArgumentSpec.agent("agent",
            "Only this agent's tasks: the name it reports with; absent for every agent.");

    public static final OperationSpec GET_PERFORMANCE_METRICS = new OperationSpec("get_performance_metrics",
            "get_performance_metrics", "GET /api/metrics", List.of());
    public static final OperationSpec RESET_PERFORMANCE_METRICS = new OperationSpec("reset_performance_metrics",
            "reset_performance_metrics", "POST /api/reset", List.of());
    public static final OperationSpec GET_DASHBOARD_DATA = new OperationSpec("get_dashboard_data",
            "get_dashboard_data", "GET /api/dashboard", List.of());
    public static final OperationSpec SIMULATE_AGENT_TASK = new OperationSpec("simulate_agent_task",
            "simulate_agent_task", "POST /api/tasks/simulate", List.of(
                    ArgumentSpec.newTaskName("name", "The task's name, as it will appear in the history: 1 to "
                            + TaskNames.MAX_LENGTH + " characters once control characters are stripped."),
                    ArgumentSpec.seconds("duration", DEFAULT_SIMULATION_SECONDS, 0, MAX_SIMULATION_SECONDS,
                            "How long the task lasts, in seconds: 0 to " + (int) MAX_SIMULATION_SECONDS + "."),
                    ArgumentSpec.flag("should_fail", false, "Record the task as failed.")));
    public static final OperationSpec GET_TASK_STATS = new OperationSpec("get_task_stats", null, "GET /api/tasks",
            List.of(AGENT));
    public static final OperationSpec GET_TIME_SERIES = new OperationSpec("get_time_series", null,
            "GET /api/timeseries", List.of(AGENT));
    public static final OperationSpec GET_MODEL_STATS = new OperationSpec("get_model_stats", null,
            "GET /api/models", List.of());
    public static final OperationSpec GET_AGENTS = new OperationSpec("get_agents", null, "GET /api/agents",
            List.of());
    /** One task's figures: the resource {@code agentmeter://tasks/{name}}. */
    public static final OperationSpec GET_TASK_STATS_BY_NAME = new OperationSpec("get_task_stats_by_name", null,
            null, List.of(ArgumentSpec.taskName("name", "The task's name.")));
    public static final OperationSpec GET_ALERTS = new OperationSpec("get_alerts", "get_alerts", "GET /api/alerts",
            List.of());
    public static final OperationSpec GET_SERVER_STATUS = new OperationSpec("get_server_status", null,
            "GET /api/server", List.of());
    /** The web dashboard's live view, as one document. */
    public static final OperationSpec GET_LIVE_DASHBOARD = new OperationSpec("get_live_dashboard", null,
            "GET /api/live", List.of(AGENT));
    /** The web dashboard's live view, pushed whenever it changes. */
    public static final OperationSpec FOLLOW_LIVE_DASHBOARD = new OperationSpec("follow_live_dashboard", null,
            "GET /api/events", List.of(AGENT));
    private static final List<ArgumentSpec> PANEL_FILTER = List.of(
            ArgumentSpec.optionalTaskName("task", "Show one task: its name as recorded (1 to " + TaskNames.MAX_LENGTH
                    + " characters). Leave out for every task."),
            ArgumentSpec.agent("agent", "Show one agent's tasks: the agent name they were recorded with (1 to "
                    + TaskNames.MAX_LENGTH + " characters). Leave out for every agent; give task or agent, not "
                    + "both."));
    public static final OperationSpec SHOW_DASHBOARD = new OperationSpec("show_dashboard", "show_dashboard", null,
            PANEL_FILTER);
    public static final OperationSpec GET_LIVE_VIEW = new OperationSpec("get_live_view", "get_live_view", null,
            PANEL_FILTER);

    private OperationCatalogue() {
    }

    /** {@code get_request_history}, over a history of {@code historySize} entries. */
    public static OperationSpec getRequestHistory(int historySize) {
        return new OperationSpec("get_request_history", "get_request_history", "GET /api/history",
                List.of(limit("history entries", historySize)));
    }

    /** {@code get_error_log}, over an error log of {@code errorLogSize} entries. */
    public static OperationSpec getErrorLog(int errorLogSize) {
        return new OperationSpec("get_error_log", "get_error_log", "GET /api/errors",
                List.of(limit("error entries", errorLogSize)));
    }

    /** The diagnosis behind the prompt {@code diagnose_performance}, over a series that reaches {@code reach}. */
    public static OperationSpec getDiagnosis(Duration reach) {
        return new OperationSpec("get_diagnosis", null, null, List.of(
                ArgumentSpec.optionalTaskName("task", "Only this task; absent for every task."),
                ArgumentSpec.window("window", DEFAULT_DIAGNOSIS_WINDOW, reach,
                        "How far back to look, such as 30s, 15m or 1h (default 15m).")));
    }

    /** Every operation, for the given capacities. */
    public static List<OperationSpec> all(int historySize, int errorLogSize, Duration timeSeriesReach) {
        return List.of(GET_PERFORMANCE_METRICS, getRequestHistory(historySize), getErrorLog(errorLogSize),
                SIMULATE_AGENT_TASK, RESET_PERFORMANCE_METRICS, GET_DASHBOARD_DATA, GET_TASK_STATS,
                GET_TASK_STATS_BY_NAME, getDiagnosis(timeSeriesReach), GET_TIME_SERIES, GET_MODEL_STATS, GET_AGENTS,
                GET_ALERTS, GET_SERVER_STATUS, GET_LIVE_DASHBOARD, FOLLOW_LIVE_DASHBOARD, SHOW_DASHBOARD,
                GET_LIVE_VIEW);
    }

    /**
     * The string arguments that GET routes read from the query string: these stay text even when they look
     * like numbers (an agent may be called "42"). Names and kinds do not depend on the capacities.
     */
    public static Set<String> queryTextArguments() {
        return all(1, 1, Duration.ofSeconds(1)).stream()
                .filter(operation -> operation.route() != null && operation.route().startsWith("GET "))
                .flatMap(operation -> operation.arguments().stream())
                .filter(argument -> argument.kind().isText())
                .map(ArgumentSpec::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static ArgumentSpec limit(String what, int capacity) {
        return ArgumentSpec.limit("limit", DEFAULT_LIMIT, capacity, "How many " + what + " to return, newest "
                + "first: a whole number of at least 1 (default " + DEFAULT_LIMIT + "); above " + capacity
                + " it is clamped to " + capacity + ".");
    }
}
