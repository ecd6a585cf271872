package dev.agentmeter.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What two writers lose when they share a {@link WriterStripes} stripe: the same two threads recording into a
 * store of one stripe (both on it) and of eight (a stripe each, as {@link WriterStripes} gives the first eight
 * writers). In this package because the stripe count is the store's package-private choice.
 *
 * <p>{@code java -jar target/benchmarks.jar StripeSharingBenchmarks -t 2}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(2)
@State(Scope.Benchmark)
public class StripeSharingBenchmarks {

    private static final String[] NAMES = {"search", "summarise", "plan", "write"};

    @Param({"1", "8"})
    int stripes;

    private PerformanceMetrics store;

    @Setup
    public void setUp() {
        store = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults(), new WriterStripes(stripes),
                WriterLanes.forProcessors(Runtime.getRuntime().availableProcessors()));
    }

    /** Each thread's next task: a name in turn, durations spread from 1 µs to about 1 s, one in 16 failing. */
    @State(Scope.Thread)
    public static class NextTask {
        private int index;
        private long micros = 1_000;

        int advance() {
            micros = (micros * 31 + 7) & 0xF_FFFF;
            return index++;
        }
    }

    @Benchmark
    public TaskRecord record(NextTask next) {
        int index = next.advance();
        boolean success = (index & 15) != 0;
        return store.record(NAMES[index & 3], Duration.ofNanos(next.micros * 1_000), success,
                success ? null : "tool timed out");
    }
}
