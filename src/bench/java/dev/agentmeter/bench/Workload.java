package dev.agentmeter.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The recorded mix, the same for every implementation: 20 task names, latencies from 1 ms to 10 s
 * (log-uniform, as agent tool calls spread over orders of magnitude), about 5% failures. Built once from a
 * fixed seed and read round-robin, so the benchmark measures recording, not the making of inputs.
 *
 * <p>Immutable after construction; safe to share between benchmark threads.
 */
final class Workload {

    static final String[] TASK_NAMES = {
        "plan", "search_web", "read_file", "write_file", "run_tests", "summarize", "embed", "retrieve",
        "rerank", "call_llm", "parse_json", "validate", "fetch_url", "list_dir", "git_diff", "compile",
        "lint", "translate", "classify", "reflect"
    };
    static final double FAILURE_RATE = 0.05;
    static final String FAILURE_MESSAGE = "tool timed out";

    /** Entries in the ring; a power of two so the cursor wraps with a mask. */
    static final int SIZE = 4096;
    static final int MASK = SIZE - 1;

    final String[] names = new String[SIZE];
    final Duration[] durations = new Duration[SIZE];
    final boolean[] successes = new boolean[SIZE];
    final String[] errors = new String[SIZE];
    final TaskRecord[] records = new TaskRecord[SIZE];

    Workload(long seed, Instant timestamp) {
        var random = new SplittableRandom(seed);
        double logMin = Math.log(1_000);        // 1 ms in µs
        double logMax = Math.log(10_000_000);   // 10 s in µs
        for (int i = 0; i < SIZE; i++) {
            names[i] = TASK_NAMES[random.nextInt(TASK_NAMES.length)];
            long micros = Math.round(Math.exp(logMin + random.nextDouble() * (logMax - logMin)));
            durations[i] = Duration.ofNanos(micros * 1_000 + random.nextInt(1_000));
            successes[i] = random.nextDouble() >= FAILURE_RATE;
            errors[i] = successes[i] ? null : FAILURE_MESSAGE;
            records[i] = new TaskRecord(names[i], micros, successes[i], errors[i], timestamp);
        }
    }

    /** A start position per thread, so two threads do not walk the ring in lockstep. */
    static int startFor(int threadIndex) {
        return (threadIndex * 1_031) & MASK;
    }
}
