package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

class EntryRingTest {

    @Test
    void newestComeFirstAndOldestAreOverwritten() {
        var ring = new EntryRing<Integer>(3);
        for (int i = 1; i <= 5; i++) {
            ring.append(i);
        }

        assertThat(ring.newest(10)).containsExactly(5, 4, 3);
        assertThat(ring.newest(1)).containsExactly(5);
    }

    @Test
    void readersSeeStrictlyDescendingEntriesWhileWritersAppend() throws Exception {
        var ring = new EntryRing<Long>(64);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        var sequence = new java.util.concurrent.atomic.AtomicLong();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50_000; i++) {
                        synchronized (ring) { // one global order of values, so "descending" is checkable
                            ring.append(sequence.incrementAndGet());
                        }
                    }
                    return null;
                }));
            }
            Future<Boolean> reader = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 20_000; i++) {
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
        assertThat(ring.newest(64)).hasSize(64).first().isEqualTo(150_000L);
    }
}
