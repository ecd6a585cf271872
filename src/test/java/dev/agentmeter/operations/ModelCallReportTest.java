package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.MutableClock;

/** The model-call fields of a reported task (model, tokens, cost, trace id), and batches taken in part. */
class ModelCallReportTest {

    /** One dollar per million input tokens and two per million output tokens, for the model "priced" only. */
    private static final CostEstimator ONE_PRICED_MODEL = (provider, model, input, output, cacheRead, cacheWrite) ->
            "priced".equals(model) ? input * 1_000L + output * 2_000L : null;

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final PerformanceMetrics metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());
    private final java.util.concurrent.ScheduledExecutorService timer =
            java.util.concurrent.Executors.newScheduledThreadPool(1);
    private final TaskSimulator simulator = new TaskSimulator(metrics, timer, System::nanoTime, 10);
    private final PerformanceOperations operations =
            new PerformanceOperations(simulator.recorder(), simulator, ONE_PRICED_MODEL);

    @AfterEach
    void stopTimer() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static Map<String, Object> task(String name, Object... keysAndValues) {
        var task = new HashMap<String, Object>();
        task.put("name", name);
        task.put("duration_ms", 120);
        task.put("success", true);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            task.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return task;
    }

    private Envelope record(Map<String, Object> task) {
        return operations.recordAgentTask(Arguments.of(task)).orTimeout(5, TimeUnit.SECONDS).join();
    }

    private TaskRecord newest() {
        return metrics.history(1).get(0);
    }

    @Test
    void everyModelCallFieldIsKeptWithTheTask() {
        record(task("chat claude", "model", "claude-sonnet-4-5", "provider", "anthropic", "input_tokens", 1200,
                "output_tokens", 300, "cache_read_tokens", 1000, "cache_write_tokens", 100, "cost_usd", 0.25,
                "trace_id", "4BF92F3577B34DA6A3CE929D0E0E4736"));

        assertThat(newest().modelCall()).isEqualTo(new ModelCall("claude-sonnet-4-5", "anthropic", 1200L, 300L,
                1000L, 100L, 250_000_000L));
        assertThat(newest().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aTaskWithoutModelFieldsIsNoModelCall() {
        record(task("execute_tool search"));

        assertThat(newest().modelCall()).isNull();
        assertThat(newest().traceId()).isNull();
    }

    @Test
    void aReportedCostWinsOverThePriceTable() {
        record(task("chat", "model", "priced", "input_tokens", 1000, "cost_usd", 0.5));

        assertThat(newest().modelCall().costNanoUsd()).isEqualTo(500_000_000L);
    }

    @Test
    void tokensWithoutACostArePricedFromTheTable() {
        record(task("chat", "model", "priced", "input_tokens", 1000, "output_tokens", 500));

        assertThat(newest().modelCall().costNanoUsd()).isEqualTo(1000 * 1_000L + 500 * 2_000L);
        assertThat(newest().modelCall().costUsd()).isEqualTo(0.002);
    }

    @Test
    void anUnknownModelHasAnUnknownCostNotZero() {
        record(task("chat", "model", "unpriced", "input_tokens", 1000, "output_tokens", 500));

        assertThat(newest().modelCall().costNanoUsd()).isNull();
        assertThat(newest().modelCall().inputTokens()).isEqualTo(1000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "input_tokens|-1|input_tokens must be between 0 and 100000000 (got -1)",
        "output_tokens|1000000000000000|output_tokens must be between 0 and 100000000 (got 1000000000000000)",
        "cache_read_tokens|1.5|cache_read_tokens must be an integer or null, got number 1.5",
        "cost_usd|-0.01|cost_usd must be between 0 and 100000 US dollars (got -0.01)",
        "trace_id|00000000000000000000000000000000|trace_id must be 32 hexadecimal digits, not all zero, got a string",
        "trace_id|xyz|trace_id must be 32 hexadecimal digits, not all zero, got string \"xyz\"",
        "model|'   '|model must not be empty or blank",
    })
    void aBadModelCallFieldIsRefusedAndNothingIsRecorded(String field, String raw, String message) {
        Object value = field.equals("trace_id") || field.equals("model") ? raw : new java.math.BigDecimal(raw);
        Envelope envelope = record(task("chat", field, value));

        assertThat(envelope).isInstanceOf(Envelope.Failure.class);
        assertThat(((Envelope.Failure) envelope).message()).isEqualTo(message);
        assertThat(metrics.snapshot().totalRequests()).isZero();
    }

    @Test
    void cachedTokensCannotExceedTheInputTheyArePartOf() {
        Envelope envelope = record(task("chat", "input_tokens", 100, "cache_read_tokens", 80,
                "cache_write_tokens", 30));

        assertThat(((Envelope.Failure) envelope).message())
                .isEqualTo("input_tokens counts cached tokens too: it must be at least cache_read_tokens + "
                        + "cache_write_tokens");
    }

    @Test
    void aTelemetryBatchRecordsTheGoodItemsAndCountsTheBadOne() {
        var items = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 1000; i++) {
            items.add(task("span-" + i % 10, "input_tokens", 10));
        }
        items.get(417).put("duration_ms", -5);

        Envelope envelope = operations.recordEach(items).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(((Envelope.Success) envelope).data()).isEqualTo(new PartialRecording(999, 1,
                List.of("items[417].duration_ms must be between 0 and 86400000 milliseconds (got -5)")));
        assertThat(metrics.snapshot().totalRequests()).isEqualTo(999);
    }
}
