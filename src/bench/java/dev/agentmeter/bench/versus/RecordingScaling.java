package dev.agentmeter.bench.versus;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * (d) Parallel recording in the core: the JMH benchmark {@code agentMeterCall} (what a caller does: name, duration,
 * outcome) at 1, 2 and 8 threads sharing one store, in short runs (one fork each, 2 x 1 s warm-up, 3 x 1 s
 * measured). The targets are ratios: two writers at least 1.8x one, eight no slower than two.
 *
 * <p>Why rounds: on this shared 2-core machine one fork's level varies by 10-20% from the next (the JIT's choices,
 * the host's other guests), far more than a fork's own iterations do, and now and then a whole fork runs at half
 * speed, as if it had one core (seen at 2 threads and, with nothing shared, at 8). So the thread counts take turns,
 * {@link #ROUNDS} forks of each, and the median of each count is the figure: two such forks of one count in a run
 * do not move it.
 *
 * <p>In the same rounds, {@code agentMeterCallOwnStore} records the same tasks at 2 and 8 threads into a store of
 * each thread's own: nothing shared between the threads, so its 8 / 2 ratio is what this machine gives eight
 * threads taking turns on two cores with no sharing at all, the reference to read 3b against.
 */
final class RecordingScaling {

    static final int[] THREADS = {1, 2, 8};
    static final int ROUNDS = 5;
    private static final String SHARED = "dev\\.agentmeter\\.bench\\.RecordingOneThread\\.agentMeterCall$";
    private static final String OWN_STORE = "dev\\.agentmeter\\.bench\\.RecordingOneThread\\.agentMeterCallOwnStore$";

    /** Medians of {@link #ROUNDS} forks: the shared store at each count of {@link #THREADS}, the own stores at 2, 8. */
    record Figures(double[] shared, double ownStoreTwo, double ownStoreEight) {
    }

    private RecordingScaling() {
    }

    static Figures opsPerSecond() throws RunnerException {
        var shared = new ArrayList<List<Double>>();
        for (int ignored : THREADS) {
            shared.add(new ArrayList<>());
        }
        var ownTwo = new ArrayList<Double>();
        var ownEight = new ArrayList<Double>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int i = 0; i < THREADS.length; i++) {
                shared.get(i).add(run(SHARED, THREADS[i]));
            }
            ownTwo.add(run(OWN_STORE, 2));
            ownEight.add(run(OWN_STORE, 8));
            System.out.printf("  recording, round %d: shared store %s ops/s at 1 / 2 / 8 threads; own stores %.0f"
                    + " / %.0f at 2 / 8%n", round, Stats.rounded(lastOfEach(shared)), ownTwo.get(round - 1),
                    ownEight.get(round - 1));
        }
        double[] medians = new double[THREADS.length];
        for (int i = 0; i < THREADS.length; i++) {
            medians[i] = Stats.median(shared.get(i));
        }
        return new Figures(medians, Stats.median(ownTwo), Stats.median(ownEight));
    }

    private static List<Double> lastOfEach(List<List<Double>> samples) {
        return samples.stream().map(list -> list.get(list.size() - 1)).toList();
    }

    private static double run(String benchmark, int threads) throws RunnerException {
        var options = new OptionsBuilder().include(benchmark).threads(threads).forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true).verbosity(VerboseMode.SILENT).build();
        return new Runner(options).run().iterator().next().getPrimaryResult().getScore();
    }
}
