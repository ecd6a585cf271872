package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.OnThreads;

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
        OnThreads.run(WRITERS, writer -> {
            for (int i = 0; i < WRITES_PER_WRITER; i++) {
                ring.slotForWriting(100 + i % slots).incrementAndGet();
            }
        });
        long total = 0;
        for (int number = 100; number < 100 + slots; number++) {
            assertThat(ring.slotForReading(number)).as("slot %d", number)
                    .hasValue((long) WRITERS * WRITES_PER_WRITER / slots);
            total += ring.slotForReading(number).get();
        }
        assertThat(total).isEqualTo((long) WRITERS * WRITES_PER_WRITER);
    }
}
