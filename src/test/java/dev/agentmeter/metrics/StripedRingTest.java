package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class StripedRingTest {

    /** An entry with a stamp of its own, as a task has its timestamp. */
    private record Stamped(long id, long stamp) {
    }

    private static final Comparator<Stamped> BY_STAMP = Comparator.comparingLong(Stamped::stamp);

    @Test
    void entriesOfAllStripesComeNewestFirstByTheirStamps() {
        var ring = new StripedRing<Long>(5, 8, Comparator.naturalOrder());
        for (long entry = 1; entry <= 12; entry++) {
            ring.append((int) (entry * 3 % 8), entry);
        }

        assertThat(ring.newest(10)).containsExactly(12L, 11L, 10L, 9L, 8L);
        assertThat(ring.newest(2)).containsExactly(12L, 11L);
    }

    @Test
    void entriesOfOneStripeKeepTheOrderTheyWereAppendedInWhateverTheirStamps() {
        var ring = new StripedRing<Stamped>(20, 8, BY_STAMP);
        ring.append(2, new Stamped(1, 300));
        ring.append(2, new Stamped(2, 100)); // a task with an older timestamp of its own, a replay say
        ring.append(2, new Stamped(3, 200));

        assertThat(ring.newest(20)).extracting(Stamped::id).containsExactly(3L, 2L, 1L);
    }

    @Test
    void betweenStripesTheLaterStampComesFirstAndEachStripeKeepsItsOwnOrder() {
        var ring = new StripedRing<Stamped>(20, 8, BY_STAMP);
        ring.append(2, new Stamped(1, 100));
        ring.append(5, new Stamped(2, 150));
        ring.append(2, new Stamped(3, 120)); // stamped before stripe 5's first entry, yet after 1 on its own stripe
        ring.append(5, new Stamped(4, 400));
        ring.append(2, new Stamped(5, 300));

        assertThat(ring.newest(20)).extracting(Stamped::id).containsExactly(4L, 5L, 2L, 3L, 1L);
        assertThat(ring.newest(3)).extracting(Stamped::id).containsExactly(4L, 5L, 2L);
    }

    @Test
    void oneStripeAloneStillKeepsTheWholeCapacity() {
        var ring = new StripedRing<Long>(100, 8, Comparator.naturalOrder());
        LongStream.rangeClosed(1, 250).forEach(entry -> ring.append(3, entry));

        assertThat(ring.newest(1_000)).hasSize(100).first().isEqualTo(250L);
        assertThat(ring.newest(1_000)).last().isEqualTo(151L);
    }

    @Test
    void largerCapacitiesGetFewerRingsSoTheRetainedEntriesStayBounded() {
        assertThat(new StripedRing<Long>(100, 8, Comparator.naturalOrder()).ringCount()).isEqualTo(8);
        assertThat(new StripedRing<Long>(1_000, 8, Comparator.naturalOrder()).ringCount()).isEqualTo(4);
        assertThat(new StripedRing<Long>(2_049, 8, Comparator.naturalOrder()).ringCount()).isEqualTo(1);
        assertThat(new StripedRing<Long>(1_000_000, 64, Comparator.naturalOrder()).ringCount()).isEqualTo(1);
        for (int capacity : new int[] {1, 50, 100, 1_000, 4_096, 100_000}) {
            var ring = new StripedRing<Long>(capacity, WriterStripes.MAX_STRIPES, Comparator.naturalOrder());
            assertThat((long) ring.ringCount() * capacity)
                    .isLessThanOrEqualTo(Math.max(capacity, StripedRing.MAX_RETAINED_ENTRIES));
        }
    }

    @Test
    void readersSeeAtMostTheCapacityStrictlyDescendingWhileEightStripesAppend() throws Exception {
        var ring = new StripedRing<Long>(64, 8, Comparator.naturalOrder());
        ExecutorService pool = Executors.newFixedThreadPool(9);
        var start = new CountDownLatch(1);
        var sequence = new AtomicLong();
        var order = new Object();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int stripe = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        synchronized (order) { // one global order of values, so "descending" is checkable
                            long value = sequence.incrementAndGet();
                            ring.append(stripe, value); // ordered as the store's tasks: the later, the larger
                        }
                    }
                    return null;
                }));
            }
            Future<Boolean> reader = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                    List<Long> newest = ring.newest(64);
                    if (newest.size() > 64) {
                        return false;
                    }
                    for (int j = 1; j < newest.size(); j++) {
                        if (newest.get(j) >= newest.get(j - 1)) {
                            return false;
                        }
                    }
                }
                return true;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            assertThat(reader.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ring.newest(1_000)).hasSize(64)
                .containsExactlyElementsOf(LongStream.iterate(160_000, v -> v - 1).limit(64).boxed().toList());
    }
}
