package dev.agentmeter.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.PerformanceMetrics;

/**
 * The operations behind the MCP tools and the JSON API, one door for every transport: one validation, one
 * envelope. Each operation lives in its family ({@link QueryOperations}, {@link RecordingOperations},
 * {@link SimulationOperations}; alerts and server status have their own) and declares its arguments once in
 * the {@link OperationCatalogue}; this class assembles the families over one recorder and passes each call on.
 * Every bad input comes back as an error envelope with a message that says what to fix.
 *
 * <p>Thread-safe.
 */
public final class PerformanceOperations {

    private final PerformanceMetrics metrics;
    private final QueryOperations queries;
    private final RecordingOperations recording;
    private final SimulationOperations simulation;

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
        this.queries = new QueryOperations(metrics);
        this.recording = new RecordingOperations(recorder, costs);
        this.simulation = new SimulationOperations(simulator);
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
        return queries.getPerformanceMetrics(arguments);
    }

    /** {@code get_request_history}: the newest {@code limit} history entries, newest first. */
    public Envelope getRequestHistory(Arguments arguments) {
        return queries.getRequestHistory(arguments);
    }

    /** {@code get_error_log}: the newest {@code limit} error entries, newest first. */
    public Envelope getErrorLog(Arguments arguments) {
        return queries.getErrorLog(arguments);
    }

    /**
     * {@code simulate_agent_task}: completes when the simulated task has really run its duration and is durable;
     * {@code unavailable} when too many run, or when storage cannot take the task then (it is not recorded).
     */
    public CompletableFuture<Envelope> simulateAgentTask(Arguments arguments) {
        return simulation.simulateAgentTask(arguments);
    }

    /** {@code reset_performance_metrics}: forgets every recorded task, in memory and in storage. */
    public Envelope resetPerformanceMetrics(Arguments arguments) {
        return recording.resetPerformanceMetrics(arguments);
    }

    /** {@code get_dashboard_data}: metrics with the 10 newest requests and 5 newest errors. */
    public Envelope getDashboardData(Arguments arguments) {
        return queries.getDashboardData(arguments);
    }

    /**
     * The per-task breakdown, busiest first; with {@code agent}, that agent's tasks only (an agent without
     * tasks since the last reset has none: an empty list, not an error).
     */
    public Envelope getTaskStats(Arguments arguments) {
        return queries.getTaskStats(arguments);
    }

    /** The figures of one task name ({@code name}); not found when it has no task since the last reset. */
    public Envelope getTaskStatsByName(Arguments arguments) {
        return queries.getTaskStatsByName(arguments);
    }

    /** The task names known since the last reset, sorted: for completing a name. */
    public List<String> taskNames() {
        return queries.taskNames();
    }

    /**
     * What a model needs to diagnose performance: overall and per-task figures, and the recent {@code window}
     * (default 15m, at most the time series' reach) with its trend, slowest tasks and failures; optionally
     * about one {@code task} only.
     */
    public Envelope getDiagnosis(Arguments arguments) {
        return queries.getDiagnosis(arguments);
    }

    /** Per-second throughput and latency over the time-series window; with {@code agent}, of its tasks only. */
    public Envelope getTimeSeries(Arguments arguments) {
        return queries.getTimeSeries(arguments);
    }

    /**
     * The models called since the last reset, busiest first (at most the model cap and "(other)"), with their
     * tokens and cost; tasks without a model are not in it.
     */
    public Envelope getModelStats(Arguments arguments) {
        return queries.getModelStats(arguments);
    }

    /** The agents that reported tasks since the last reset, busiest first (at most the agent cap and "(other)"). */
    public Envelope getAgents(Arguments arguments) {
        return queries.getAgents(arguments);
    }

    /**
     * {@code record_agent_task}: records one task an agent really ran; answers its history entry once the task
     * is durable (see {@link TaskRecorder}); {@code unavailable}, with nothing recorded, when storage cannot take
     * it now.
     */
    public CompletableFuture<Envelope> recordAgentTask(Arguments arguments) {
        return recording.recordAgentTask(arguments);
    }

    /**
     * {@code POST /api/tasks}: one task (a JSON object) or a batch (an array of up to
     * {@value TaskReportLimits#MAX_BATCH_SIZE}), each stamped with its arrival time. A batch is all or nothing:
     * any bad item refuses it whole, naming every bad item by index, and records nothing. Answers once every
     * task of the batch is durable, or {@code unavailable} (nothing recorded) when storage cannot take them all.
     */
    public CompletableFuture<Envelope> recordAgentTasks(Object document) {
        return recording.recordAgentTasks(document);
    }

    /**
     * Telemetry (OTLP): each item is a task object with the fields of {@code POST /api/tasks}, checked on its
     * own by the same rules; the valid ones are recorded, stamped with their arrival time, and the others
     * counted and described. Answers {@link PartialRecording} once every recorded task is durable.
     */
    public CompletableFuture<Envelope> recordEach(List<? extends Map<String, ?>> items) {
        return recording.recordEach(items);
    }

    /**
     * Usage that arrives without a task (OpenTelemetry metrics): the fields {@code agent, model, provider,
     * input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd} by the rules of a task
     * report, at least one token count or cost among them; the cost is estimated from the tokens when absent.
     * It adds to the token and cost totals, the model's figures and the per-second series, never to request
     * counts. Memory only: a restart forgets it.
     */
    public Envelope recordUsage(Map<String, ?> usage) {
        return recording.recordUsage(usage);
    }

    /** Whether the server can do its whole job now (storage reachable and writing); see {@link Readiness}. */
    public Readiness readiness() {
        return recording.readiness();
    }

    /** Everything the live dashboard draws, without alerts (see {@link LiveViews} for the web's, with them). */
    public LiveView liveView() {
        return queries.liveView();
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
}
