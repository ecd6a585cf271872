package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TimeRingTest {

    private static final int WRITERS = 8;
    private static final int WRITES_PER_WRITER = 10_000;

    @Test
    void aSlotKeepsOneContentForEveryWriterAndReader() {
        var ring = new TimeRing<AtomicLong>(4, AtomicLong::new);

        ring.slotForWriting(10).incrementAndGet();
        ring.slotForWriting(10).incrementAndGet();

        assertThat(ring.slotForReading(10)).hasValue(2);
    }

    @Test
    void aSlotNeverWrittenReadsAsNothing() {
        var ring = new TimeRing<AtomicLong>(4, AtomicLong::new);
        ring.slotForWriting(10);

        assertThat(ring.slotForReading(11)).isNull();
        assertThat(ring.slotForReading(6)).as("the same place, an older slot").isNull();
    }

    @Test
    void aNewerSlotReplacesTheOneWhosePlaceItTakes() {
        var ring = new TimeRing<AtomicLong>(4, AtomicLong::new);
        ring.slotForWriting(10).set(5);

        ring.slotForWriting(14).set(7);

        assertThat(ring.slotForReading(10)).isNull();
        assertThat(ring.slotForReading(14)).hasValue(7);
    }

    @Test
    void aSlotOlderThanTheRingIsNotWritten() {
        var ring = new TimeRing<AtomicLong>(4, AtomicLong::new);
        ring.slotForWriting(14).set(7);

        assertThat(ring.slotForWriting(10)).isNull();
        assertThat(ring.slotForReading(14)).hasValue(7);
    }

    @Test
    void anOlderSlotStillInTheRingIsWrittenAfterANewerOne() {
        var ring = new TimeRing<AtomicLong>(4, AtomicLong::new);
        ring.slotForWriting(14).set(7);

        ring.slotForWriting(12).set(3);

        assertThat(ring.slotForReading(12)).hasValue(3);
        assertThat(ring.slotForReading(14)).hasValue(7);
    }

    @Test
    void aRingWithoutSlotsIsRefused() {
        assertThatThrownBy(() -> new TimeRing<>(0, AtomicLong::new)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsStayExactUnderEightConcurrentWritersSharingTheSlots() throws Exception {
        int slots = 16;
        var ring = new TimeRing<AtomicLong>(slots, AtomicLong::new);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        var start = new CountDownLatch(1);
        try {
            var writers = new ArrayList<Future<?>>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < WRITES_PER_WRITER; i++) {
                        ring.slotForWriting(100 + i % slots).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (int number = 100; number < 100 + slots; number++) {
            assertThat(ring.slotForReading(number)).as("slot %d", number)
                    .hasValue((long) WRITERS * WRITES_PER_WRITER / slots);
            total += ring.slotForReading(number).get();
        }
        assertThat(total).isEqualTo((long) WRITERS * WRITES_PER_WRITER);
    }
}
