package dev.agentmeter.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The metrics store: records finished agent tasks and gives consistent snapshots of them.
 *
 * <p>Thread-safe. Recording is wait-free with respect to readers: writers enter a writer-reader phaser
 * critical section and add to lock-free accumulators of the phase they entered in. A snapshot (under a lock shared
 * only by readers) flips the phase, waits for the writers of the old phase to finish, and folds their
 * accumulators into cumulative totals, as HdrHistogram's {@code Recorder} does. So every snapshot is taken
 * from one set of tasks: its counts, rates, latencies, tokens and costs always agree. The history and error
 * log are lock-free rings, bounded by their capacities.
 *
 * <p>The phaser's epochs, the history and the error log are split into {@link WriterStripes} (a thread
 * writes its own stripe), the current second of the series into a lane per stripe ({@link SecondLanes}), and the
 * overall and per-name figures into lanes that follow the cores ({@link WriterLanes}, {@link LaneBudget}), merged
 * by the snapshot: writers on different cores write no cache line in common for them. Every read of the figures or
 * the series flips the phase.
 *
 * <p>Usage reported without a task ({@link #recordUsage}) enters the same way, so it lands wholly before or
 * wholly after any snapshot or reset.
 */
public final class PerformanceMetrics {

    /**
     * The name under which tasks are counted once the distinct-name cap is reached: in parentheses, and refused
     * as a task's own name by the operations, so no task is ever mistaken for the bucket.
     */
    public static final String OTHER_TASKS = "(other)";

    /** The agent under which tasks are counted once the distinct-agent cap is reached; no agent's own name. */
    public static final String OTHER_AGENTS = "(other)";

    /**
     * Distinct agents with their own figures; this is also the cardinality of an exported agent label.
     * Each busy agent costs up to about 3 MB (its per-second series holds a small histogram per second).
     */
    public static final int MAX_AGENTS = 20;

    /**
     * Distinct task names with their own figures within one agent, further names count under
     * {@link #OTHER_TASKS} there: agents × names stays bounded (each name keeps histograms).
     */
    public static final int MAX_TASK_NAMES_PER_AGENT = 20;

    /** The model under which calls are counted once the distinct-model cap is reached. */
    public static final String OTHER_MODELS = "(other)";

    /**
     * Distinct models with their own figures; this is also the cardinality of an exported model label.
     * Each costs a few kilobytes (a latency histogram at two digits and two phases of sums).
     */
    public static final int MAX_MODELS = 100;

    private static final Duration MAX_DURATION = Duration.ofDays(365);
    private static final long MAX_DURATION_MICROS = MAX_DURATION.toNanos() / 1000;
    private static final int REQUESTS_PER_MINUTE_WINDOW_SECONDS = 60;

    private final Clock clock;
    private final MetricsCapacities capacities;
    private final Instant startedAt;
    private final WriterStripes stripes;
    private final StripedPhaser phaser;
    private final WriterLanes lanes;
    private final ReentrantLock snapshotLock = new ReentrantLock();
    // Replaced by reset under snapshotLock; read by recording threads and readers.
    private volatile Generation generation;
    private final MetricsListeners listeners = new MetricsListeners();

    public PerformanceMetrics(Clock clock, MetricsCapacities capacities) {
        this(clock, capacities, WriterStripes.forProcessors(Runtime.getRuntime().availableProcessors()),
                WriterLanes.forProcessors(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A store with its own stripe count and as many lanes (at most {@link LaneBudget#MAX_LANES}), so tests can
     * spread writers over several stripes and lanes on any machine.
     */
    PerformanceMetrics(Clock clock, MetricsCapacities capacities, WriterStripes stripes) {
        this(clock, capacities, stripes, new WriterLanes(Math.min(stripes.count(), LaneBudget.MAX_LANES)));
    }

    PerformanceMetrics(Clock clock, MetricsCapacities capacities, WriterStripes stripes, WriterLanes lanes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacities = Objects.requireNonNull(capacities, "capacities");
        this.stripes = Objects.requireNonNull(stripes, "stripes");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.phaser = new StripedPhaser(stripes.count());
        this.startedAt = clock.instant();
        this.generation = newGeneration();
    }

    /**
     * Records a task that finished now.
     *
     * @param duration how long it took; clamped to one year
     * @param error    the failure's message, or {@code null}; ignored when {@code success} is true
     * @return the record as stored
     */
    public TaskRecord record(String name, Duration duration, boolean success, String error) {
        var task = new TaskRecord(name, toMicros(duration), success, error, clock.instant());
        record(task);
        return task;
    }

    /** Records a task with its own timestamp (a replay, or a task measured elsewhere). */
    public void record(TaskRecord task) {
        record(task, false);
    }

    /**
     * Records a task that was recorded (and exported) already: another instance's, folded in from a store
     * they share, or one of this instance's own recorded again. Listeners see it as folded in.
     */
    public void recordFoldedIn(TaskRecord task) {
        record(task, true);
    }

    private void record(TaskRecord task, boolean foldedIn) {
        int stripe = stripes.current();
        int lane = lanes.current();
        long criticalValue = phaser.enter(stripe);
        try {
            generation.record(stripe, lane, criticalValue, task);
        } finally {
            phaser.exit(stripe, criticalValue);
        }
        if (listeners.any()) {
            listeners.publish(new MetricsEvent.TaskRecorded(task, foldedIn));
        }
    }

    /**
     * Records tokens and cost that came without a task (telemetry that reports usage on its own): they count
     * in the totals, under their model and in the per-second series, never as requests.
     *
     * @param agent who used them; {@code null} when unknown
     */
    public void recordUsage(String agent, ModelCall usage) {
        Objects.requireNonNull(usage, "usage");
        Instant now = clock.instant();
        int stripe = stripes.current();
        long criticalValue = phaser.enter(stripe);
        try {
            int phase = StripedPhaser.phaseOf(criticalValue);
            generation.recordUsage(phase, agent, usage, now.getEpochSecond());
        } finally {
            phaser.exit(stripe, criticalValue);
        }
        if (listeners.any()) {
            listeners.publish(new MetricsEvent.UsageRecorded(agent, usage, now));
        }
    }

    /** The global figures, consistent with each other, as of now. */
    public MetricsSnapshot snapshot() {
        return folded(current -> {
            StatsTotals totals = current.overall.totals();
            Instant now = clock.instant();
            long lastMinute = current.series.countSince(now.getEpochSecond(), REQUESTS_PER_MINUTE_WINDOW_SECONDS);
            return new MetricsSnapshot(totals.successes(), totals.failures(), totals.latency(), lastMinute,
                    startedAt, totals.lastRecordedAt(), now, current.usage.totals().usage());
        });
    }

    /** Figures per task name, the busiest first; names beyond the cap appear once as {@link #OTHER_TASKS}. */
    public List<TaskStats> taskStats() {
        return folded(current -> current.tasks.all());
    }

    /** Figures of one task name, empty when it has no task since the last reset. */
    public Optional<TaskStats> taskStats(String name) {
        return folded(current -> current.tasks.one(name));
    }

    /**
     * Figures per model, the busiest first (most calls, then most tokens); models beyond the cap appear once as
     * {@link #OTHER_MODELS}. Tasks without a model are not counted here.
     */
    public List<ModelStats> modelStats() {
        return folded(current -> current.models.all());
    }

    /** Figures per agent, the busiest first; tasks without an agent are not counted here. */
    public List<AgentStats> agentStats() {
        return folded(current -> current.agents.all());
    }

    /**
     * Figures per task name of one agent, the busiest first (at most {@link #MAX_TASK_NAMES_PER_AGENT} names
     * and {@link #OTHER_TASKS}); empty when the agent has no task since the last reset.
     */
    public List<TaskStats> agentTaskStats(String agent) {
        return folded(current -> current.agents.find(agent).map(figures -> figures.tasks.all()).orElse(List.of()));
    }

    /** Per-second throughput and latency of one agent's tasks; all zero when it has none. */
    public TimeSeriesSnapshot agentTimeSeries(String agent) {
        Generation current = generation;
        long now = clock.instant().getEpochSecond();
        return current.agents.find(agent).map(figures -> figures.series)
                .orElseGet(() -> new SecondSeries((int) capacities.timeSeriesWindow().toSeconds()))
                .snapshot(now);
    }

    /**
     * The agent name that {@code agent}'s tasks are counted under since the last reset: itself, or
     * {@link #OTHER_AGENTS} beyond the cap (also for an agent not seen yet); {@code null} for no agent.
     * An exporter uses it as the value of a bounded agent label.
     */
    public String agentLabel(String agent) {
        return agent == null ? null : generation.agents.labelOf(agent);
    }

    /** Task names known since the last reset (at most the cap), in no particular order. */
    public List<String> taskNames() {
        return generation.tasks.names();
    }

    /**
     * The newest {@code limit} tasks (at most the history capacity), newest first: the tasks one thread recorded
     * in the order it recorded them, those of different threads by their timestamps (so, for tasks stamped
     * as they were recorded, in the order they were recorded; see {@link StripedRing}).
     */
    public List<TaskRecord> history(int limit) {
        return generation.history.newest(limit);
    }

    /** The newest {@code limit} failed tasks (at most the error log capacity), newest first. */
    public List<TaskRecord> errors(int limit) {
        return generation.errors.newest(limit);
    }

    /** Per-second throughput and latency over the time-series window, ending now. */
    public TimeSeriesSnapshot timeSeries() {
        return folded(current -> current.series.snapshot(clock.instant().getEpochSecond()));
    }

    /**
     * Forgets every recorded task. Uptime and the start time are kept: they belong to the process.
     *
     * @return how many tasks were forgotten
     */
    public long reset() {
        long forgotten;
        snapshotLock.lock();
        try {
            Generation old = generation;
            generation = newGeneration();
            int ended = phaser.flipPhase(); // waits out writers still adding to the old generation
            old.drain(0);
            old.drain(1);
            // A writer that entered before the flip and read the new generation recorded in the ended phase.
            generation.drain(ended);
            forgotten = old.overall.totals().count();
        } finally {
            snapshotLock.unlock();
        }
        if (listeners.any()) {
            listeners.publish(new MetricsEvent.MetricsReset(forgotten));
        }
        return forgotten;
    }

    /** The time as this store sees it (its injected clock). */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Runs {@code listener} with each recorded task, each usage recorded without a task and each reset, in the
     * order they happened, never under a lock of this store's nor of a caller that {@linkplain #holdEvents()
     * holds events}. It runs on a thread that changed the figures and must return at once (set a flag, queue the
     * event); it may record or reset (see {@link MetricsListeners}).
     */
    public void addEventListener(Consumer<MetricsEvent> listener) {
        listeners.add(listener);
    }

    public void removeEventListener(Consumer<MetricsEvent> listener) {
        listeners.remove(listener);
    }

    /**
     * Holds back the events this thread raises until the returned hold is closed: open it before taking a lock
     * around recording or resetting, close it after letting go, and no listener runs under that lock.
     */
    public EventHold holdEvents() {
        return listeners.hold();
    }

    public MetricsCapacities capacities() {
        return capacities;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** {@code read} of the generation with every recorded task folded in, under snapshotLock. */
    private <T> T folded(Function<Generation, T> read) {
        snapshotLock.lock();
        try {
            return read.apply(foldRecordedTasks());
        } finally {
            snapshotLock.unlock();
        }
    }

    /** Folds the quiescent phase into the totals; call under snapshotLock. */
    private Generation foldRecordedTasks() {
        int quiescent = phaser.flipPhase();
        Generation current = generation;
        current.drain(quiescent);
        return current;
    }

    private Generation newGeneration() {
        return new Generation(capacities, stripes, phaser, lanes);
    }

    private static long toMicros(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        if (duration.compareTo(MAX_DURATION) >= 0) {
            return MAX_DURATION_MICROS;
        }
        return (duration.toNanos() + 500) / 1000;
    }
}
