package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The input tokens, output tokens and cost (nano-dollars) of one second of the time series. Lock-free and
 * O(1) to add to: values are split into {@link WideAdder}'s 21-bit parts, so a second's sums cannot wrap
 * (that would take 2^42 model calls within the second). Plain atomics rather than adders: a series holds a
 * bucket per second, and contended adders would grow cells in every one of them.
 *
 * <p>Thread-safe; reading while writers add gives a near-instant view.
 */
final class SecondUsage {

    private static final int INPUT = 0;
    private static final int OUTPUT = 3;
    private static final int COST = 6;

    // Three parts per figure; added to by recording threads, read by snapshot threads.
    private final AtomicLongArray parts = new AtomicLongArray(9);

    void add(ModelCall call) {
        add(INPUT, call.inputTokens());
        add(OUTPUT, call.outputTokens());
        add(COST, call.costNanoUsd());
    }

    long inputTokens() {
        return sum(INPUT);
    }

    long outputTokens() {
        return sum(OUTPUT);
    }

    long costNanoUsd() {
        return sum(COST);
    }

    private void add(int figure, Long value) {
        if (value == null) {
            return;
        }
        long rest = value;
        for (int part = figure; rest != 0 && part < figure + 3; part++) {
            long piece = part == figure + 2 ? rest : rest & WideAdder.PART_MASK;
            if (piece != 0) {
                parts.getAndAdd(part, piece);
            }
            rest >>>= WideAdder.PART_BITS;
        }
    }

    private long sum(int figure) {
        return WideAdder.combine(parts.get(figure), parts.get(figure + 1), parts.get(figure + 2));
    }
}
