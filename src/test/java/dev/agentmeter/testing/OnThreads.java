package dev.agentmeter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one piece of work on N real threads released together by a latch, and waits (bounded) for all of them. */
public final class OnThreads {

    /** The work of one thread, told its number (0 to N - 1). */
    public interface PerThread {
        void run(int thread) throws Exception;
    }

    private OnThreads() {
    }

    /** Rethrows the first failure of any thread; fails when a thread takes over a minute. */
    public static void run(int threads, PerThread work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
