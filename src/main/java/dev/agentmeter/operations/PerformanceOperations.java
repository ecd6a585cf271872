package dev.agentmeter.operations;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import dev.agentmeter.metrics.MetricsSnapshot;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;

/**
 * The operations behind the MCP tools and the JSON API: one validation, one envelope, whatever the door.
 * Every bad input comes back as an error envelope with a message that says what to fix.
 *
 * <p>Thread-safe.
 */
public final class PerformanceOperations {

    public static final int DEFAULT_LIMIT = 10;
    public static final int DASHBOARD_RECENT_REQUESTS = 10;
    public static final int DASHBOARD_RECENT_ERRORS = 5;
    public static final double MAX_SIMULATION_SECONDS = 5;
    public static final double DEFAULT_SIMULATION_SECONDS = 1;

    private static final List<String> LIMIT_ARGUMENTS = List.of("limit");
    private static final List<String> SIMULATION_ARGUMENTS = List.of("name", "duration", "should_fail");

    private final PerformanceMetrics metrics;
    private final TaskRecorder recorder;
    private final TaskSimulator simulator;

    /** Operations that record through {@code recorder}, which the simulator must share. */
    public PerformanceOperations(TaskRecorder recorder, TaskSimulator simulator) {
        if (simulator.recorder() != recorder) {
            throw new IllegalArgumentException("the simulator must record through the same recorder");
        }
        this.metrics = recorder.metrics();
        this.recorder = recorder;
        this.simulator = simulator;
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

    /** {@code simulate_agent_task}: completes when the simulated task has really run its duration. */
    public CompletableFuture<Envelope> simulateAgentTask(Arguments arguments) {
        Optional<String> unknown = arguments.unknownArgument(SIMULATION_ARGUMENTS);
        if (unknown.isPresent()) {
            return CompletableFuture.completedFuture(unknownArgument(unknown.get(), SIMULATION_ARGUMENTS));
        }
        Checked<String> name = arguments.taskName("name");
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
                .map(running -> running.thenApply(PerformanceOperations::outcome))
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

    /** The per-task breakdown, busiest first. */
    public Envelope getTaskStats(Arguments arguments) {
        return withoutArguments(arguments).orElseGet(() -> Envelope.success(taskStats()));
    }

    /** Per-second throughput and latency over the time-series window. */
    public Envelope getTimeSeries(Arguments arguments) {
        return withoutArguments(arguments).orElseGet(() -> Envelope.success(TimeSeriesView.of(metrics.timeSeries())));
    }

    /** Whether the server can do its whole job now (storage reachable and writing); see {@link Readiness}. */
    public Readiness readiness() {
        return recorder.readiness();
    }

    /** Everything the live dashboard draws, in one value (pushed by the event stream). */
    public LiveView liveView() {
        return new LiveView(dashboard(), taskStats(), TimeSeriesView.of(metrics.timeSeries()));
    }

    /**
     * Runs {@code listener} after every change to the figures, on the thread that made it; it must return
     * at once (set a flag, wake a scheduler).
     */
    public void addChangeListener(Runnable listener) {
        metrics.addChangeListener(listener);
    }

    public void removeChangeListener(Runnable listener) {
        metrics.removeChangeListener(listener);
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

    private static Envelope unknownArgument(String name, List<String> allowed) {
        String expected = allowed.isEmpty() ? "this operation takes no arguments"
                : "expected: " + String.join(", ", allowed);
        return Envelope.invalidArgument("unknown argument '" + TaskNames.printable(name) + "'; " + expected);
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
