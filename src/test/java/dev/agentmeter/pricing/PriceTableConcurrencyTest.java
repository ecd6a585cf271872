package dev.agentmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Lookups from many threads at once see one immutable table: every thread gets the same answers. */
class PriceTableConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 500;
    private static final List<String> MODELS = List.of("claude-sonnet-4-5-20250929",
            "anthropic.claude-3-5-sonnet-20240620-v1:0", "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "o3",
            "gemini-2.5-pro", "models/gemini-2.0-flash-001", "mistral-large-latest", "deepseek-chat", "grok-4",
            "command-r-plus", "llama-9000", "openai/gpt-5-mini");

    @Test
    void eightThreadsLookingUpAtOnceGetTheSameAnswers() throws Exception {
        // The first lookup also races the lazy load of the bundled table.
        List<Optional<ModelPrice>> expected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Optional<ModelPrice>>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Optional<ModelPrice>> seen = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (String model : MODELS) {
                            seen.add(PriceTable.bundled().find(null, model));
                        }
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (int round = 0; round < ROUNDS; round++) {
                for (String model : MODELS) {
                    expected.add(PriceTable.bundled().find(null, model));
                }
            }
            for (Future<List<Optional<ModelPrice>>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).hasSize(ROUNDS * MODELS.size()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        // Every model but the unknown one has a price.
        assertThat(expected.stream().filter(Optional::isPresent).count())
                .isEqualTo((long) ROUNDS * (MODELS.size() - 1));
    }
}
