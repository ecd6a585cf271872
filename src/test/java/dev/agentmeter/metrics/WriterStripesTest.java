package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
    void consecutivePoolThreadsWriteToDifferentStripes() throws Exception {
        var stripes = new WriterStripes(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var seen = new java.util.concurrent.ConcurrentSkipListSet<Integer>();
            var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
            var ready = new java.util.concurrent.CyclicBarrier(8); // all eight threads of the pool take part
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
}
