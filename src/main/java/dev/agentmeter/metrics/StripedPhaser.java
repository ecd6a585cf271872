package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * HdrHistogram's {@link org.HdrHistogram.WriterReaderPhaser} algorithm with one set of epochs per writer
 * stripe: writers enter and leave a critical section on their own stripe's epochs, and a phase flip by the
 * reader waits out, stripe after stripe, every writer that entered before it.
 *
 * <p>Why not one {@code WriterReaderPhaser} (or one per stripe): a single phaser's start epoch and end epochs
 * are two cache lines that every writer increments on every record; on two processors moving them between
 * the cores cost more than the rest of the record. Separate {@code WriterReaderPhaser} objects would be
 * allocated next to each other and share lines just the same. Here each stripe's three epochs sit in one
 * array, {@value #SPACING} longs (128 bytes, two cache lines, beyond the adjacent-line prefetcher) apart.
 *
 * <p>Thread-safe. Writers are wait-free (one atomic increment to enter, one to leave). {@link #flipPhase} must
 * be called by one reader at a time (the store's snapshot lock); it spins, yielding, until the writers of the
 * previous phase have left.
 */
final class StripedPhaser {

    private static final int SPACING = 16;
    private static final int START = 0;
    private static final int EVEN_END = 1;
    private static final int ODD_END = 2;

    private final int stripes;
    // Per stripe at SPACING * (stripe + 1): the start epoch (incremented by writers entering, swapped by the
    // reader at a flip) and the even and odd end epochs (incremented by writers leaving, reset by the reader).
    // The SPACING longs before the first stripe and after the last keep other objects off their lines.
    private final AtomicLongArray epochs;

    StripedPhaser(int stripes) {
        this.stripes = stripes;
        this.epochs = new AtomicLongArray(SPACING * (stripes + 2));
        for (int stripe = 0; stripe < stripes; stripe++) {
            epochs.set(base(stripe) + ODD_END, Long.MIN_VALUE); // the odd phase counts up from MIN_VALUE
        }
    }

    int stripes() {
        return stripes;
    }

    /** Enters a writer critical section on {@code stripe}; pass the result to {@link #exit}. */
    long enter(int stripe) {
        return epochs.getAndIncrement(base(stripe) + START);
    }

    void exit(int stripe, long valueAtEnter) {
        epochs.getAndIncrement(base(stripe) + (valueAtEnter < 0 ? ODD_END : EVEN_END));
    }

    /**
     * The phase (0 even, 1 odd) a writer entered with {@code valueAtEnter} records in. Every stripe flips in
     * the same {@link #flipPhase}, so all writers that entered between two flips share one phase, and once a
     * flip returns nobody writes in the phase it returned.
     */
    static int phaseOf(long valueAtEnter) {
        return valueAtEnter < 0 ? 1 : 0;
    }

    /**
     * Whether the writer that entered {@code stripe} with {@code valueAtEnter} (and has not left) is the only
     * writer inside on that stripe: everyone who entered before it in its phase has left, nobody entered
     * after it, and no flip has started since. Call it after publishing, with a volatile write, the state a
     * writer entering later must see: such a writer's enter then either comes after this check (and it sees
     * that state) or makes this check answer false. Writers of the previous phase may still be inside during
     * a flip; they write the other phase's state.
     */
    boolean alone(int stripe, long valueAtEnter) {
        int base = base(stripe);
        return epochs.get(base + START) == valueAtEnter + 1
                && epochs.get(base + (valueAtEnter < 0 ? ODD_END : EVEN_END)) == valueAtEnter;
    }

    /**
     * Starts a new phase on every stripe and returns once every writer that entered before the flip has left:
     * what they wrote is then visible to the caller, and writers entering later see what the caller wrote
     * before the flip.
     *
     * @return the phase that ended (see {@link #phaseOf}): nobody writes in it until the next flip
     */
    int flipPhase() {
        int ended = phaseOf(epochs.get(base(0) + START));
        for (int stripe = 0; stripe < stripes; stripe++) {
            flip(base(stripe));
        }
        return ended;
    }

    private void flip(int base) {
        boolean nextPhaseIsEven = epochs.get(base + START) < 0;
        long initialStartValue = nextPhaseIsEven ? 0 : Long.MIN_VALUE;
        // Clear the end epoch of the coming phase before writers can enter it.
        epochs.setRelease(base + (nextPhaseIsEven ? EVEN_END : ODD_END), initialStartValue);
        long startValueAtFlip = epochs.getAndSet(base + START, initialStartValue);
        int endOfPreviousPhase = base + (nextPhaseIsEven ? ODD_END : EVEN_END);
        while (epochs.get(endOfPreviousPhase) != startValueAtFlip) {
            Thread.yield(); // a writer of the previous phase is still inside: its record is a few dozen ns
        }
    }

    private static int base(int stripe) {
        return SPACING * (stripe + 1);
    }
}
