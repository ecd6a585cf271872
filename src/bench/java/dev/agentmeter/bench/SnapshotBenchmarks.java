package dev.agentmeter.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.agentmeter.metrics.MetricsSnapshot;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.metrics.TaskStats;
import dev.agentmeter.metrics.TimeSeriesSnapshot;
import dev.agentmeter.operations.LiveView;

/**
 * The cost of each read the dashboard makes, on a full store ({@link DashboardFixture}), one thread.
 * {@link #liveView} is the whole dashboard payload, as the event stream pushes it; {@link #dashboardReads}
 * is the metrics-core part of it (the same reads without the operations layer's views). The
 * {@code AfterNewTasks} benchmarks first record tasks under some names, as happens between two pushes of a
 * live dashboard, so the snapshot has fresh figures to fold in (their time includes that recording).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SnapshotBenchmarks {

    @Param("500")
    public int taskNames;

    private static final DateTimeFormatter ISO_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final Duration NEW_TASK_DURATION = Duration.ofMillis(250);

    private DashboardFixture fixture;
    private final Instant[] instants = new Instant[500];

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new DashboardFixture(taskNames);
        for (int i = 0; i < instants.length; i++) {
            instants[i] = DashboardFixture.START.plusMillis(1_337L * i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        fixture.close();
    }

    @Benchmark
    public MetricsSnapshot snapshot() {
        return fixture.metrics.snapshot();
    }

    @Benchmark
    public List<TaskStats> taskStats() {
        return fixture.metrics.taskStats();
    }

    @Benchmark
    public List<TaskRecord> history() {
        return fixture.metrics.history(fixture.metrics.capacities().historySize());
    }

    @Benchmark
    public List<TaskRecord> errors() {
        return fixture.metrics.errors(fixture.metrics.capacities().errorLogSize());
    }

    @Benchmark
    public TimeSeriesSnapshot timeSeries() {
        return fixture.metrics.timeSeries();
    }

    @Benchmark
    public LiveView liveView() {
        return fixture.operations.liveView();
    }

    /** The metrics reads {@link #liveView} makes, without building its views. */
    @Benchmark
    public void dashboardReads(Blackhole blackhole) {
        var metrics = fixture.metrics;
        blackhole.consume(metrics.snapshot());
        blackhole.consume(metrics.history(10));
        blackhole.consume(metrics.errors(5));
        blackhole.consume(metrics.taskStats());
        blackhole.consume(metrics.timeSeries());
    }

    /** A push after 20 tasks under 20 names (the recording mix's width) since the last one. */
    @Benchmark
    public LiveView liveViewAfterTwentyNewTasks() {
        recordUnderNames(20);
        return fixture.operations.liveView();
    }

    /** The worst push: every one of the 500 names has a new task since the last one. */
    @Benchmark
    public LiveView liveViewAfterNewTasksUnderAllNames() {
        recordUnderNames(taskNames);
        return fixture.operations.liveView();
    }

    /** What recording those tasks alone costs, to subtract from the benchmark above. */
    @Benchmark
    public void recordUnderAllNames() {
        recordUnderNames(taskNames);
    }

    /**
     * The operations layer's ISO-8601 formatting of 500 timestamps (one per task row), with the same pattern
     * as its {@code IsoTimestamps}: the part of {@link #liveView} that is not the metrics core.
     */
    @Benchmark
    public void isoFormatFiveHundredTimestamps(Blackhole blackhole) {
        for (Instant instant : instants) {
            blackhole.consume(ISO_FORMAT.format(instant));
        }
    }

    /** The baseline's only read: counts and percentiles sorted from its 100-task history. */
    @Benchmark
    public NaiveMetrics.Snapshot naiveSnapshot() {
        return fixture.naive.snapshot();
    }

    private void recordUnderNames(int names) {
        for (int i = 0; i < names; i++) {
            fixture.metrics.record(fixture.names[i], NEW_TASK_DURATION, true, null);
        }
    }
}
