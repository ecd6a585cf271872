package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything kept for one model: its calls' counts and latencies, their tokens and cost, and its provider.
 *
 * <p>Thread-safe under the protocol of {@link PerformanceMetrics}, like {@link PhasedStats}.
 */
final class ModelFigures {

    private static final int SIGNIFICANT_DIGITS = 2;

    final PhasedStats calls = new PhasedStats(SIGNIFICANT_DIGITS);
    final PhasedUsage usage = new PhasedUsage();
    private final boolean mixed;
    // Set once, by the first recording thread that reports a provider; read by snapshot threads.
    private final AtomicReference<String> provider = new AtomicReference<>();

    /** {@code mixed} figures (the "other" row) hold many models, so they keep no provider. */
    ModelFigures(boolean mixed) {
        this.mixed = mixed;
    }

    void record(int phase, int lane, TaskRecord task) {
        calls.record(phase, lane, task);
        recordUsage(phase, task.modelCall());
    }

    void recordUsage(int phase, ModelCall call) {
        usage.record(phase, call);
        if (!mixed && call.provider() != null && provider.get() == null) {
            provider.compareAndSet(null, call.provider());
        }
    }

    void drain(int quiescentPhase) {
        calls.drain(quiescentPhase);
        usage.drain(quiescentPhase);
    }

    /** Whether anything was recorded: a call, or usage without one. */
    boolean recorded() {
        return usage.totals().calls() > 0;
    }

    ModelStats stats(String model) {
        StatsTotals totals = calls.totals();
        return new ModelStats(model, provider.get(), totals.successes(), totals.failures(), totals.latency(),
                usage.totals().usage());
    }
}
