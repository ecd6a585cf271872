package dev.agentmeter.bench;

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

import dev.agentmeter.metrics.MetricsSnapshot;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.metrics.TaskStats;
import dev.agentmeter.metrics.TimeSeriesSnapshot;
import dev.agentmeter.operations.LiveView;

/**
 * The cost of each read the dashboard makes, on a full store ({@link DashboardFixture}), one thread, no
 * concurrent writers. {@link #liveView} is the whole dashboard payload, as the event stream pushes it.
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

    private DashboardFixture fixture;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new DashboardFixture(taskNames);
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

    /** The baseline's only read: counts and percentiles sorted from its 100-task history. */
    @Benchmark
    public NaiveMetrics.Snapshot naiveSnapshot() {
        return fixture.naive.snapshot();
    }
}
