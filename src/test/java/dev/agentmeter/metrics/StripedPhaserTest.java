package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

/** The phaser's promise with real threads: after a flip, no writer is still inside the previous phase. */
class StripedPhaserTest {

    private static final int STRIPES = 8;
    private static final int WRITES_PER_WRITER = 200_000;

    @Test
    void aFlipWaitsForAWriterStillInsideThePreviousPhase() throws Exception {
        var phaser = new StripedPhaser(STRIPES);
        var entered = new CountDownLatch(1);
        var leave = new CountDownLatch(1);
        var writer = CompletableFuture.runAsync(() -> {
            long value = phaser.enter(5);
            entered.countDown();
            try {
                leave.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                phaser.exit(5, value);
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        var flip = CompletableFuture.runAsync(phaser::flipPhase);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !flip.isDone());
        leave.countDown();

        flip.get(10, TimeUnit.SECONDS);
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void noWriterOfTheQuiescentPhaseRemainsAfterEachFlipAndNoWriteIsLost() throws Exception {
        var phaser = new StripedPhaser(STRIPES);
        var inside = new AtomicLongArray(2);   // writers inside each phase right now
        var written = new AtomicLongArray(2);  // writes made into each phase, drained by the reader
        var activePhase = new java.util.concurrent.atomic.AtomicInteger();
        var violations = new ConcurrentLinkedQueue<String>();
        var writersDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(STRIPES + 1);
        var start = new CountDownLatch(1);
        long drained = 0;
        try {
            var writers = new ArrayList<Future<?>>();
            for (int w = 0; w < STRIPES; w++) {
                int stripe = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < WRITES_PER_WRITER; i++) {
                        long value = phaser.enter(stripe);
                        int phase = activePhase.get();
                        inside.incrementAndGet(phase);
                        written.incrementAndGet(phase);
                        inside.decrementAndGet(phase);
                        phaser.exit(stripe, value);
                    }
                    return null;
                }));
            }
            Future<Long> reader = pool.submit(() -> {
                start.await();
                long total = 0;
                while (!writersDone.get()) {
                    int quiescent = activePhase.get();
                    activePhase.set(1 - quiescent);
                    phaser.flipPhase();
                    if (inside.get(quiescent) != 0) {
                        violations.add("a writer was still inside phase " + quiescent + " after the flip");
                    }
                    total += written.getAndSet(quiescent, 0);
                }
                return total;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writersDone.set(true);
            drained = reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(violations).isEmpty();
        assertThat(drained + written.get(0) + written.get(1)).isEqualTo((long) STRIPES * WRITES_PER_WRITER);
    }
}
