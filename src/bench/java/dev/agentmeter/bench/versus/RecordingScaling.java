package dev.agentmeter.bench.versus;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * (d) Parallel recording in the core: the JMH benchmark {@code agentMeterCall} (what a caller does: name, duration,
 * outcome) at 1, 2 and 8 threads sharing one store, in short runs (one fork, 2 x 1 s warm-up, 3 x 1 s measured).
 * The targets are ratios: two writers at least 1.8x one, eight no slower than two.
 */
final class RecordingScaling {

    static final int[] THREADS = {1, 2, 8};
    private static final String BENCHMARK = "dev\\.agentmeter\\.bench\\.RecordingOneThread\\.agentMeterCall$";

    private RecordingScaling() {
    }

    /** Operations per second for each thread count of {@link #THREADS}, in that order. */
    static double[] opsPerSecond() throws RunnerException {
        double[] results = new double[THREADS.length];
        for (int i = 0; i < THREADS.length; i++) {
            var options = new OptionsBuilder().include(BENCHMARK).threads(THREADS[i]).forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                    .shouldFailOnError(true).verbosity(VerboseMode.SILENT).build();
            Collection<RunResult> run = new Runner(options).run();
            results[i] = run.iterator().next().getPrimaryResult().getScore();
            System.out.printf("  recording agentMeterCall %d thread(s): %.0f ops/s%n", THREADS[i], results[i]);
        }
        return results;
    }
}
