package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many writer lanes a set of figures is split into, and how many lane accumulators one generation's
 * figures may make together. A lane is the part of the figures the writers of one core record into (see
 * {@link WriterLanes}), so writers on different cores do not move one histogram's cache lines between them; a
 * snapshot merges the lanes. A lane accumulator holds histograms, so they are counted: once the
 * budget is spent, further lanes record into the figures' shared accumulator, as every lane did before
 * lanes existed (correct, only slower on several cores).
 *
 * <p>Bounds: at most {@value #MAX_LANES} lanes per figures (on more processors, two cores may then share
 * one), and at most the budget's accumulators in all figures that share it. Every lane accumulator
 * is made once per phase by the first writer of that lane and kept until the generation is reset.
 *
 * <p>Thread-safe; {@link #take} and {@link #giveBack} are called only when a lane accumulator is made, never
 * on the recording path of a made one.
 */
final class LaneBudget {

    /** The most lanes a set of figures is split into. */
    static final int MAX_LANES = 8;

    /** No lanes: every writer records into the shared accumulator (agents' and models' figures). */
    static final LaneBudget SHARED = new LaneBudget(1, 0);

    private final int lanes;
    // Taken and given back by writers making a lane accumulator; never read on the recording path.
    private final AtomicInteger left;

    /** {@code lanes} (a power of two, capped at {@link #MAX_LANES}) and at most {@code accumulators} made. */
    LaneBudget(int lanes, int accumulators) {
        if (lanes < 1 || Integer.bitCount(lanes) != 1) {
            throw new IllegalArgumentException("lanes must be a power of two, was " + lanes);
        }
        this.lanes = Math.min(lanes, MAX_LANES);
        this.left = new AtomicInteger(accumulators);
    }

    /** How many lanes figures under this budget have; 1 means none (only the shared accumulator). */
    int lanes() {
        return lanes;
    }

    /** Takes room for one lane accumulator; false when the budget is spent. */
    boolean take() {
        if (left.getAndDecrement() > 0) {
            return true;
        }
        left.incrementAndGet();
        return false;
    }

    /** Gives back room taken for an accumulator that was not kept (another writer made it first). */
    void giveBack() {
        left.incrementAndGet();
    }
}
