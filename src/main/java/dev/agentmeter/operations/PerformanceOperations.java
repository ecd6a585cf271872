package dev.agentmeter.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.MetricsSnapshot;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;

/**
 * The operations behind the MCP tools and the JSON API: one validation, one envelope, whatever the door.
 * Every bad input comes back as an error envelope with a message that says what to fix. Reports of tasks and
 * usage are taken in by {@link ReportIntake}.
 *
 * <p>Thread-safe.
 */
public final class PerformanceOperations {

    public static final int DEFAULT_LIMIT = 10;
    public static final int DASHBOARD_RECENT_REQUESTS = 10;
    public static final int DASHBOARD_RECENT_ERRORS = 5;
    public static final double MAX_SIMULATION_SECONDS = 5;
    public static final double DEFAULT_SIMULATION_SECONDS = 1;
    public static final Duration DEFAULT_DIAGNOSIS_WINDOW = Duration.ofMinutes(15);
    /** The name under which tasks are counted once the distinct-name cap is reached. */
    public static final String OTHER_TASKS = PerformanceMetrics.OTHER_TASKS;

    private static final List<String> LIMIT_ARGUMENTS = List.of("limit");
    private static final List<String> SIMULATION_ARGUMENTS = List.of("name", "duration", "should_fail");
    private static final List<String> AGENT_FILTER_ARGUMENTS = List.of("agent");

    /** The most tasks one report may carry ({@code POST /api/tasks} with an array). */
    public static final int MAX_REPORTED_TASKS = TaskReports.MAX_BATCH_SIZE;
    /** The longest reported duration: 24 hours. */
    public static final double MAX_REPORTED_DURATION_MS = TaskReports.MAX_DURATION_MS;
    /** Longer reported error messages are cut to this many characters. */
    public static final int MAX_REPORTED_ERROR_LENGTH = TaskReports.MAX_ERROR_LENGTH;
    /** The most tokens of each kind one reported model call may carry. */
    public static final long MAX_REPORTED_TOKENS = TaskReports.MAX_TOKENS;
    /** The most one reported model call may cost, in US dollars. */
    public static final double MAX_REPORTED_COST_USD = TaskReports.MAX_COST_USD;
    private static final List<String> TASK_ARGUMENTS = List.of("name");
    private static final List<String> DIAGNOSIS_ARGUMENTS = List.of("task", "window");

    private final PerformanceMetrics metrics;
    private final TaskRecorder recorder;
    private final TaskSimulator simulator;
    private final DiagnosisFigures diagnosis;
    private final ReportIntake intake;

    /** Operations that record through {@code recorder}, which the simulator must share; no prices known. */
    public PerformanceOperations(TaskRecorder recorder, TaskSimulator simulator) {
        this(recorder, simulator, CostEstimator.NONE);
    }

    /**
     * Operations that record through {@code recorder}, which the simulator must share, and price model calls
     * that report tokens but no cost with {@code costs}.
     */
    public PerformanceOperations(TaskRecorder recorder, TaskSimulator simulator, CostEstimator costs) {
        if (simulator.recorder() != recorder) {
            throw new IllegalArgumentException("the simulator must record through the same recorder");
        }
        this.metrics = recorder.metrics();
        this.recorder = recorder;
        this.simulator = simulator;
        this.diagnosis = new DiagnosisFigures(metrics);
        this.intake = new ReportIntake(recorder, costs);
    }

    /** Operations over the simulator's recorder (memory only, when the simulator was made from the metrics). */
    public PerformanceOperations(PerformanceMetrics metrics, TaskSimulator simulator) {
        this(simulator.recorder(), simulator);
        if (simulator.recorder().metrics() != metrics) {
            throw new IllegalArgumentException("the simulator must record into the same metrics");
        }
    }

    /** {@code get_performance_metrics}: the metrics object. */
    public Envelope getPerformanceMetrics(Arguments arguments) {
        return withoutArguments(arguments).orElseGet(() -> Envelope.success(MetricsView.of(metrics.snapshot())));
    }

    /** {@code get_request_history}: the newest {@code limit} history entries, newest first. */
    public Envelope getRequestHistory(Arguments arguments) {
        return newest(arguments, metrics.capacities().historySize(),
                limit -> metrics.history(limit).stream().map(HistoryEntryView::of).toList());
    }

    /** {@code get_error_log}: the newest {@code limit} error entries, newest first. */
    public Envelope getErrorLog(Arguments arguments) {
        return newest(arguments, metrics.capacities().errorLogSize(),
                limit -> metrics.errors(limit).stream().map(ErrorEntryView::of).toList());
    }

    /**
     * {@code simulate_agent_task}: completes when the simulated task has really run its duration and is durable;
     * {@code unavailable} when too many run, or when storage cannot take the task then (it is not recorded).
     */
    public CompletableFuture<Envelope> simulateAgentTask(Arguments arguments) {
        Optional<String> unknown = arguments.unknownArgument(SIMULATION_ARGUMENTS);
        if (unknown.isPresent()) {
            return CompletableFuture.completedFuture(unknownArgument(unknown.get(), SIMULATION_ARGUMENTS));
        }
        Checked<String> name = arguments.newTaskName("name");
        Checked<Double> seconds = arguments.number("duration", DEFAULT_SIMULATION_SECONDS, 0,
                MAX_SIMULATION_SECONDS, "seconds");
        Checked<Boolean> shouldFail = arguments.bool("should_fail", false);
        for (Checked<?> checked : List.of(name, seconds, shouldFail)) {
            if (checked instanceof Checked.Invalid<?> invalid) {
                return CompletableFuture.completedFuture(Envelope.invalidArgument(invalid.message()));
            }
        }
        Duration duration = Duration.ofNanos(Math.round(value(seconds) * 1e9));
        return simulator.start(value(name), duration, value(shouldFail))
                .map(running -> running.thenApply(PerformanceOperations::outcome)
                        .exceptionally(RecordingRefusedException::answer))
                .orElseGet(() -> CompletableFuture.completedFuture(Envelope.failure(ErrorCode.UNAVAILABLE,
                        "too many simulations running (" + simulator.maxInFlight() + "); try again shortly")));
    }

    /** {@code reset_performance_metrics}: forgets every recorded task, in memory and in storage. */
    public Envelope resetPerformanceMetrics(Arguments arguments) {
        return withoutArguments(arguments).orElseGet(() -> {
            long cleared = recorder.reset();
            return Envelope.success(new ResetConfirmation(true, cleared, IsoTimestamps.format(metrics.now()),
                    "All metrics, history and errors were reset; uptime continues."));
        });
    }

    /** {@code get_dashboard_data}: metrics with the 10 newest requests and 5 newest errors. */
    public Envelope getDashboardData(Arguments arguments) {
        return withoutArguments(arguments).orElseGet(() -> Envelope.success(dashboard()));
    }

    /**
     * The per-task breakdown, busiest first; with {@code agent}, that agent's tasks only (an agent without
     * tasks since the last reset has none: an empty list, not an error).
     */
    public Envelope getTaskStats(Arguments arguments) {
        return withAgentFilter(arguments, agent -> agent == null ? taskStats()
                : metrics.agentTaskStats(agent).stream().map(TaskStatsView::of).toList());
    }

    /** The figures of one task name ({@code name}); not found when it has no task since the last reset. */
    public Envelope getTaskStatsByName(Arguments arguments) {
        Optional<String> unknown = arguments.unknownArgument(TASK_ARGUMENTS);
        if (unknown.isPresent()) {
            return unknownArgument(unknown.get(), TASK_ARGUMENTS);
        }
        Checked<String> name = arguments.taskName("name");
        if (name instanceof Checked.Invalid<String> invalid) {
            return Envelope.invalidArgument(invalid.message());
        }
        return metrics.taskStats(value(name)).<Envelope>map(stats -> Envelope.success(TaskStatsView.of(stats)))
                .orElseGet(() -> noSuchTask(value(name)));
    }

    /** The task names known since the last reset, sorted: for completing a name. */
    public List<String> taskNames() {
        return metrics.taskNames().stream().sorted().toList();
    }

    /**
     * What a model needs to diagnose performance: overall and per-task figures, and the recent {@code window}
     * (default 15m, at most the time series' reach) with its trend, slowest tasks and failures; optionally
     * about one {@code task} only.
     */
    public Envelope getDiagnosis(Arguments arguments) {
        Optional<String> unknown = arguments.unknownArgument(DIAGNOSIS_ARGUMENTS);
        if (unknown.isPresent()) {
            return unknownArgument(unknown.get(), DIAGNOSIS_ARGUMENTS);
        }
        Checked<Optional<String>> task = arguments.optionalTaskName("task");
        Checked<Duration> window = arguments.window("window", DEFAULT_DIAGNOSIS_WINDOW,
                metrics.capacities().timeSeriesWindow());
        for (Checked<?> checked : List.of(task, window)) {
            if (checked instanceof Checked.Invalid<?> invalid) {
                return Envelope.invalidArgument(invalid.message());
            }
        }
        Optional<String> name = value(task);
        if (name.isPresent() && metrics.taskStats(name.get()).isEmpty()) {
            return noSuchTask(name.get());
        }
        return Envelope.success(diagnosis.of(name.orElse(null), value(window)));
    }

    /** Per-second throughput and latency over the time-series window; with {@code agent}, of its tasks only. */
    public Envelope getTimeSeries(Arguments arguments) {
        return withAgentFilter(arguments, agent -> TimeSeriesView.of(
                agent == null ? metrics.timeSeries() : metrics.agentTimeSeries(agent)));
    }

    /**
     * The models called since the last reset, busiest first (at most the model cap and "(other)"), with their
     * tokens and cost; tasks without a model are not in it.
     */
    public Envelope getModelStats(Arguments arguments) {
        return withoutArguments(arguments).orElseGet(() -> Envelope.success(modelStats()));
    }

    /** The agents that reported tasks since the last reset, busiest first (at most the agent cap and "(other)"). */
    public Envelope getAgents(Arguments arguments) {
        return withoutArguments(arguments).orElseGet(() -> Envelope.success(
                metrics.agentStats().stream().map(AgentStatsView::of).toList()));
    }

    /**
     * {@code record_agent_task}: records one task an agent really ran; answers its history entry once the task
     * is durable (see {@link TaskRecorder}); {@code unavailable}, with nothing recorded, when storage cannot take
     * it now.
     */
    public CompletableFuture<Envelope> recordAgentTask(Arguments arguments) {
        return intake.recordAgentTask(arguments);
    }

    /**
     * {@code POST /api/tasks}: one task (a JSON object) or a batch (an array of up to
     * {@value TaskReports#MAX_BATCH_SIZE}), each stamped with its arrival time. A batch is all or nothing:
     * any bad item refuses it whole, naming every bad item by index, and records nothing. Answers once every
     * task of the batch is durable, or {@code unavailable} (nothing recorded) when storage cannot take them all.
     */
    public CompletableFuture<Envelope> recordAgentTasks(Object document) {
        return intake.recordAgentTasks(document);
    }

    /**
     * Telemetry (OTLP): each item is a task object with the fields of {@code POST /api/tasks}, checked on its
     * own by the same rules; the valid ones are recorded, stamped with their arrival time, and the others
     * counted and described. Answers {@link PartialRecording} once every recorded task is durable.
     */
    public CompletableFuture<Envelope> recordEach(List<? extends Map<String, ?>> items) {
        return intake.recordEach(items);
    }

    /**
     * Usage that arrives without a task (OpenTelemetry metrics): the fields {@code agent, model, provider,
     * input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd} by the rules of a task
     * report, at least one token count or cost among them; the cost is estimated from the tokens when absent.
     * It adds to the token and cost totals, the model's figures and the per-second series, never to request
     * counts. Memory only: a restart forgets it.
     */
    public Envelope recordUsage(Map<String, ?> usage) {
        return intake.recordUsage(usage);
    }

    /** Whether the server can do its whole job now (storage reachable and writing); see {@link Readiness}. */
    public Readiness readiness() {
        return recorder.readiness();
    }

    /** Everything the live dashboard draws, in one value (pushed by the event stream). */
    public LiveView liveView() {
        return new LiveView(dashboard(), taskStats(), TimeSeriesView.of(metrics.timeSeries()), modelStats());
    }

    /**
     * Runs {@code listener} with each recorded task, usage and reset, in order, never under the recorder's
     * lock (see {@link PerformanceMetrics#addEventListener}); it must return at once (queue the event, set a flag).
     */
    public void addEventListener(Consumer<MetricsEvent> listener) {
        metrics.addEventListener(listener);
    }

    public void removeEventListener(Consumer<MetricsEvent> listener) {
        metrics.removeEventListener(listener);
    }

    private DashboardView dashboard() {
        MetricsSnapshot snapshot = metrics.snapshot();
        return new DashboardView(MetricsView.of(snapshot),
                metrics.history(DASHBOARD_RECENT_REQUESTS).stream().map(HistoryEntryView::of).toList(),
                metrics.errors(DASHBOARD_RECENT_ERRORS).stream().map(ErrorEntryView::of).toList());
    }

    private List<TaskStatsView> taskStats() {
        return metrics.taskStats().stream().map(TaskStatsView::of).toList();
    }

    private List<ModelStatsView> modelStats() {
        return metrics.modelStats().stream().map(ModelStatsView::of).toList();
    }

    private Envelope withAgentFilter(Arguments arguments, Function<String, Object> read) {
        Optional<String> unknown = arguments.unknownArgument(AGENT_FILTER_ARGUMENTS);
        if (unknown.isPresent()) {
            return unknownArgument(unknown.get(), AGENT_FILTER_ARGUMENTS);
        }
        Checked<String> agent = arguments.optionalName("agent");
        if (agent instanceof Checked.Invalid<String> invalid) {
            return Envelope.invalidArgument(invalid.message());
        }
        return Envelope.success(read.apply(value(agent)));
    }

    private Envelope newest(Arguments arguments, int capacity, IntFunction<List<?>> read) {
        Optional<String> unknown = arguments.unknownArgument(LIMIT_ARGUMENTS);
        if (unknown.isPresent()) {
            return unknownArgument(unknown.get(), LIMIT_ARGUMENTS);
        }
        Checked<Integer> limit = arguments.limit("limit", DEFAULT_LIMIT, capacity);
        if (limit instanceof Checked.Invalid<Integer> invalid) {
            return Envelope.invalidArgument(invalid.message());
        }
        return Envelope.success(read.apply(value(limit)));
    }

    private static Optional<Envelope> withoutArguments(Arguments arguments) {
        return arguments.unknownArgument(List.of()).map(name -> unknownArgument(name, List.of()));
    }

    static Envelope unknownArgument(String name, List<String> allowed) {
        String expected = allowed.isEmpty() ? "this operation takes no arguments"
                : "expected: " + String.join(", ", allowed);
        return Envelope.invalidArgument("unknown argument '" + TaskNames.printable(name) + "'; " + expected);
    }

    private Envelope noSuchTask(String name) {
        return Envelope.failure(ErrorCode.NOT_FOUND, "no task named '" + name + "' has been recorded since the "
                + "last reset" + (metrics.taskNames().isEmpty() ? " (none has)" : ""));
    }

    private static Envelope outcome(TaskRecord task) {
        double seconds = Math.round(task.durationMicros() / 1000.0) / 1000.0;
        return Envelope.success(new SimulationOutcome(task.name(), seconds, task.success(), task.error(),
                task.durationMillis(), IsoTimestamps.format(task.timestamp())));
    }

    private static <T> T value(Checked<T> checked) {
        return ((Checked.Valid<T>) checked).value();
    }
}
