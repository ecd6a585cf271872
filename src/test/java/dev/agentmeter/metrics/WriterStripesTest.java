package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WriterStripesTest {

    @Test
    void fourStripesPerProcessorRoundedUpToAPowerOfTwoAndCapped() {
        assertThat(WriterStripes.forProcessors(1).count()).isEqualTo(4);
        assertThat(WriterStripes.forProcessors(2).count()).isEqualTo(8);
        assertThat(WriterStripes.forProcessors(3).count()).isEqualTo(16);
        assertThat(WriterStripes.forProcessors(16).count()).isEqualTo(WriterStripes.MAX_STRIPES);
        assertThat(WriterStripes.forProcessors(1_000).count()).isEqualTo(WriterStripes.MAX_STRIPES);
    }

    @Test
    void aStripeCountThatIsNoPowerOfTwoOrOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new WriterStripes(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriterStripes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriterStripes(128)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eightPoolThreadsWritingAtOnceGetAStripeEach() throws Exception {
        var stripes = new WriterStripes(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var seen = new ConcurrentSkipListSet<Integer>();
            var tasks = new ArrayList<Callable<Integer>>();
            var ready = new CyclicBarrier(8); // all eight threads of the pool take part
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> {
                    ready.await(10, TimeUnit.SECONDS);
                    seen.add(stripes.current());
                    return stripes.current();
                });
            }
            for (var result : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                assertThat(result.get()).isBetween(0, 7);
            }
            assertThat(seen).hasSize(8);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void threadsWhoseIdsAreEqualModuloTheCountStillGetAStripeEach() throws Exception {
        var stripes = new WriterStripes(8);
        var writers = new ArrayList<Writer>();
        long residue = -1;
        while (writers.size() < 8) { // ids are given as threads are made: keep the ones equal modulo 8
            var candidate = new Writer(stripes);
            if (residue < 0) {
                residue = candidate.thread.getId() % 8;
            }
            if (candidate.thread.getId() % 8 == residue) {
                writers.add(candidate);
            }
        }
        Set<Integer> firstStripes = new TreeSet<>();
        for (Writer writer : writers) {
            writer.thread.start();
            writer.thread.join(10_000);
            assertThat(writer.secondRecord.get()).as("a thread keeps its stripe").isEqualTo(writer.firstRecord.get());
            firstStripes.add(writer.firstRecord.get());
        }
        assertThat(firstStripes).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    /** An unstarted thread that asks for its stripe twice. */
    private static final class Writer {
        final AtomicInteger firstRecord = new AtomicInteger(-1);
        final AtomicInteger secondRecord = new AtomicInteger(-1);
        final Thread thread;

        Writer(WriterStripes stripes) {
            thread = new Thread(() -> {
                firstRecord.set(stripes.current());
                secondRecord.set(stripes.current());
            });
        }
    }

    @Test
    void theNinthWriterSharesTheFirstWritersStripe() throws Exception {
        var stripes = new WriterStripes(8);
        var order = new ArrayList<Integer>();
        for (int i = 0; i < 9; i++) {
            var stripe = new AtomicInteger(-1);
            Thread writer = new Thread(() -> stripe.set(stripes.current()));
            writer.start();
            writer.join(10_000);
            order.add(stripe.get());
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 0);
    }

    @Test
    void eachStoreNumbersItsOwnWriters() throws Exception {
        var first = new WriterStripes(8);
        var second = new WriterStripes(8);
        var stripe = new AtomicInteger(-1);
        Thread earlier = new Thread(first::current);
        earlier.start();
        earlier.join(10_000);
        Thread writer = new Thread(() -> {
            first.current();
            stripe.set(second.current());
        });
        writer.start();
        writer.join(10_000);
        assertThat(stripe.get()).as("the first writer of the second store").isZero();
    }
}
