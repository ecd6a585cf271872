package dev.agentmeter.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a timestamp costs on this machine: the part of {@code record(name, Duration, ...)} that is not the
 * store. {@code Clock.systemUTC().instant()} reads the time to the microsecond through a native call;
 * {@code millis()} is an intrinsic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ClockBenchmarks {

    private final Clock clock = Clock.systemUTC();

    @Benchmark
    public Instant instant() {
        return clock.instant();
    }

    @Benchmark
    public Instant instantFromMillis() {
        return Instant.ofEpochMilli(clock.millis());
    }

    @Benchmark
    public long millis() {
        return clock.millis();
    }
}
