package dev.agentmeter.bench;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;

/**
 * Recording throughput of AgentMeter, the naive baseline and Micrometer on the same {@link Workload}.
 * The thread count is set by the subclasses ({@link RecordingOneThread}, {@link RecordingTwoThreads},
 * {@link RecordingEightThreads}), so one run measures all three. {@code Call} methods are what callers do
 * (name, Duration, outcome: the store reads the clock and builds the record); {@code Task} methods record a
 * pre-made {@link TaskRecord}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class RecordingBenchmarks {

    /** One store of each kind, fresh for each benchmark, shared by its threads. */
    @State(Scope.Benchmark)
    public static class Stores {
        PerformanceMetrics agentMeter;
        NaiveMetrics naive;
        MicrometerTaskMeters micrometer;
        Workload workload;

        @Setup(Level.Trial)
        public void setUp() {
            Clock clock = Clock.systemUTC();
            agentMeter = new PerformanceMetrics(clock, MetricsCapacities.defaults());
            naive = new NaiveMetrics(clock);
            micrometer = new MicrometerTaskMeters();
            workload = new Workload(42, clock.instant());
        }
    }

    /** Each thread's position in the workload ring. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            next = Workload.startFor(threads.getThreadIndex());
        }

        int advance() {
            int index = next;
            next = (index + 1) & Workload.MASK;
            return index;
        }
    }

    @Benchmark
    public TaskRecord agentMeterCall(Stores stores, Cursor cursor) {
        return call(stores.agentMeter, stores.workload, cursor);
    }

    /** A store of each thread's own: the same work with nothing shared between the threads. */
    @State(Scope.Thread)
    public static class OwnStore {
        PerformanceMetrics agentMeter;

        @Setup(Level.Trial)
        public void setUp() {
            agentMeter = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        }
    }

    @Benchmark
    public TaskRecord agentMeterCallOwnStore(OwnStore own, Stores stores, Cursor cursor) {
        return call(own.agentMeter, stores.workload, cursor);
    }

    /** What a caller does: name, duration, outcome; the store reads the clock and builds the record. */
    private static TaskRecord call(PerformanceMetrics store, Workload w, Cursor cursor) {
        int i = cursor.advance();
        return store.record(w.names[i], w.durations[i], w.successes[i], w.errors[i]);
    }

    @Benchmark
    public void agentMeterTask(Stores stores, Cursor cursor) {
        stores.agentMeter.record(stores.workload.records[cursor.advance()]);
    }

    @Benchmark
    public TaskRecord naiveCall(Stores stores, Cursor cursor) {
        int i = cursor.advance();
        Workload w = stores.workload;
        return stores.naive.record(w.names[i], w.durations[i], w.successes[i], w.errors[i]);
    }

    @Benchmark
    public void naiveTask(Stores stores, Cursor cursor) {
        stores.naive.record(stores.workload.records[cursor.advance()]);
    }

    @Benchmark
    public void micrometerCall(Stores stores, Cursor cursor) {
        int i = cursor.advance();
        Workload w = stores.workload;
        stores.micrometer.record(w.names[i], w.durations[i], w.successes[i]);
    }
}
