package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.metrics.TokenUsage;
import dev.agentmeter.testing.MutableClock;

/** Tokens and cost through the operations: the views that show them, and usage recorded without a task. */
class UsageOperationsTest {

    /** One dollar per million input tokens and two per million output tokens, for the model "priced" only. */
    private static final CostEstimator ONE_PRICED_MODEL = (provider, model, input, output, cacheRead, cacheWrite) ->
            "priced".equals(model) ? input * 1_000L + output * 2_000L : null;

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final PerformanceMetrics metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    private final List<TaskRecord> journaled = new CopyOnWriteArrayList<>();
    private final TaskRecorder recorder = new TaskRecorder(metrics, new RememberingJournal(journaled));
    private final TaskSimulator simulator = new TaskSimulator(recorder, timer, System::nanoTime, 10);
    private final PerformanceOperations operations = new PerformanceOperations(recorder, simulator, ONE_PRICED_MODEL);

    @AfterEach
    void stopTimer() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        var fields = new HashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private void task(String name, Object... keysAndValues) {
        Map<String, Object> task = fields(keysAndValues);
        task.put("name", name);
        task.putIfAbsent("duration_ms", 100);
        task.putIfAbsent("success", true);
        Envelope envelope = operations.recordAgentTask(Arguments.of(task)).orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(envelope).isInstanceOf(Envelope.Success.class);
    }

    private static Object data(Envelope envelope) {
        assertThat(envelope).isInstanceOf(Envelope.Success.class);
        return ((Envelope.Success) envelope).data();
    }

    private static String message(Envelope envelope) {
        assertThat(envelope).isInstanceOf(Envelope.Failure.class);
        return ((Envelope.Failure) envelope).message();
    }

    @Test
    void theMetricsObjectCarriesTokenTotalsAndTheKnownCost() {
        task("chat", "model", "priced", "input_tokens", 1_000, "output_tokens", 500, "cache_read_tokens", 200);
        task("chat", "model", "unpriced", "input_tokens", 10, "cache_write_tokens", 10);

        var metricsView = (MetricsView) data(operations.getPerformanceMetrics(Arguments.none()));

        assertThat(metricsView.totalInputTokens()).isEqualTo(1_010);
        assertThat(metricsView.totalOutputTokens()).isEqualTo(500);
        assertThat(metricsView.totalCacheReadTokens()).isEqualTo(200);
        assertThat(metricsView.totalCacheWriteTokens()).isEqualTo(10);
        assertThat(metricsView.totalCostUsd()).isEqualTo(0.002);
    }

    @Test
    void withoutModelCallsTheTotalsAreZeroNotNull() {
        task("plain");

        var metricsView = (MetricsView) data(operations.getPerformanceMetrics(Arguments.none()));

        assertThat(metricsView.totalInputTokens()).isZero();
        assertThat(metricsView.totalCostUsd()).isEqualTo(0.0);
    }

    @Test
    void historyEntriesCarryTheModelCallAndTraceOfTheirTask() {
        task("chat", "agent", "planner", "model", "priced", "provider", "anthropic", "input_tokens", 1_000,
                "output_tokens", 500, "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        task("tool");

        assertThat(data(operations.getRequestHistory(Arguments.none()))).isEqualTo(List.of(
                new HistoryEntryView("2026-11-24T10:00:00.000Z", "tool", 100.0, true, null, null),
                new HistoryEntryView("2026-11-24T10:00:00.000Z", "chat", 100.0, true, null, "planner", "priced",
                        "anthropic", 1_000L, 500L, 0.002, "4bf92f3577b34da6a3ce929d0e0e4736")));
    }

    @Test
    void modelStatsListEachModelBusiestFirstWithTokensCostAndLatency() {
        task("chat", "model", "priced", "provider", "anthropic", "input_tokens", 1_000, "duration_ms", 10);
        task("chat", "model", "priced", "input_tokens", 1_000, "duration_ms", 10, "success", false);
        task("chat", "model", "unpriced", "output_tokens", 5, "duration_ms", 10);
        task("no model");

        assertThat(data(operations.getModelStats(Arguments.none()))).isEqualTo(List.of(
                new ModelStatsView("priced", "anthropic", 2, 1, 2_000, 0, 0.002, 10.0, 10.0),
                new ModelStatsView("unpriced", null, 1, 0, 0, 5, null, 10.0, 10.0)));
    }

    @Test
    void modelStatsTakeNoArgumentsNotEvenAnAgent() {
        assertThat(message(operations.getModelStats(Arguments.of(Map.of("agent", "a")))))
                .isEqualTo("unknown argument 'agent'; this operation takes no arguments");
    }

    @Test
    void theTimeSeriesHasTokenAndCostColumns() {
        task("chat", "model", "priced", "input_tokens", 1_000, "output_tokens", 500);
        task("chat", "model", "x", "input_tokens", 7, "cost_usd", 0.25);

        var series = (TimeSeriesView) data(operations.getTimeSeries(Arguments.none()));

        int now = series.timestamps().size() - 1;
        assertThat(series.inputTokens()).hasSize(series.timestamps().size());
        assertThat(series.inputTokens().get(now)).isEqualTo(1_007L);
        assertThat(series.outputTokens().get(now)).isEqualTo(500L);
        assertThat(series.costUsd().get(now)).isEqualTo(0.252);
        assertThat(series.costUsd().get(now - 1)).isEqualTo(0.0);
    }

    @Test
    void theLiveViewCarriesTheModels() {
        task("chat", "model", "priced", "input_tokens", 1_000);

        assertThat(operations.liveView().models()).extracting(ModelStatsView::model).containsExactly("priced");
    }

    @Test
    void usageAddsToTheTotalsTheModelAndTheSeriesButNotToRequests() {
        task("chat", "model", "priced", "input_tokens", 1_000);

        Envelope envelope = operations.recordUsage(fields("agent", "claude-code", "model", "priced",
                "provider", "anthropic", "input_tokens", 3_000, "output_tokens", 1_000));

        assertThat(data(envelope)).isEqualTo(new UsageView("claude-code", "priced", "anthropic", 3_000L, 1_000L,
                null, null, 0.005));
        assertThat(metrics.snapshot().totalRequests()).isEqualTo(1);
        assertThat(metrics.snapshot().usage()).isEqualTo(new TokenUsage(4_000, 1_000, 0, 0, 6_000_000L));
        assertThat(data(operations.getModelStats(Arguments.none()))).isEqualTo(List.of(
                new ModelStatsView("priced", "anthropic", 1, 0, 4_000, 1_000, 0.006, 100.0, 100.0)));
        var series = (TimeSeriesView) data(operations.getTimeSeries(Arguments.of(Map.of("agent", "claude-code"))));
        assertThat(series.outputTokens().get(series.outputTokens().size() - 1)).isEqualTo(1_000L);
    }

    @Test
    void aReportedUsageCostWinsAndAnUnpricedModelsCostStaysUnknown() {
        var reported = (UsageView) data(operations.recordUsage(fields("model", "priced", "input_tokens", 10,
                "cost_usd", 1.5)));
        var unpriced = (UsageView) data(operations.recordUsage(fields("model", "unpriced", "input_tokens", 10)));

        assertThat(reported.costUsd()).isEqualTo(1.5);
        assertThat(unpriced.costUsd()).isNull();
    }

    @Test
    void usageIsKeptInMemoryOnly() {
        operations.recordUsage(fields("model", "priced", "input_tokens", 10));

        assertThat(journaled).isEmpty();
        assertThat(metrics.snapshot().usage().inputTokens()).isEqualTo(10);
    }

    @Test
    void usageIsForgottenByAReset() {
        operations.recordUsage(fields("model", "priced", "input_tokens", 10));

        operations.resetPerformanceMetrics(Arguments.none());

        assertThat(metrics.snapshot().usage()).isEqualTo(TokenUsage.NONE);
        assertThat(data(operations.getModelStats(Arguments.none()))).isEqualTo(List.of());
    }

    @Test
    void aDiagnosisListsTheModelsAndNamesTheCostliestAndTheMostFailing() {
        task("chat", "model", "opus", "input_tokens", 10, "cost_usd", 3.0);
        task("chat", "model", "unpriced", "input_tokens", 1_000_000, "success", false);
        task("chat", "model", "haiku", "input_tokens", 10, "cost_usd", 0.5, "success", false);
        task("chat", "model", "haiku", "input_tokens", 10, "cost_usd", 0.5, "success", false);
        task("chat", "model", "haiku", "input_tokens", 10, "cost_usd", 0.5);

        var diagnosis = (DiagnosisView) data(operations.getDiagnosis(Arguments.none()));

        assertThat(diagnosis.models()).extracting(ModelStatsView::model).containsExactly("haiku", "unpriced", "opus"); // ties by tokens
        assertThat(diagnosis.costliestModel()).isEqualTo("opus");
        assertThat(diagnosis.mostFailingModel()).isEqualTo("haiku");
    }

    @Test
    void equalFailuresMakeTheModelWithTheHigherErrorRateTheMostFailing() {
        task("chat", "model", "busy", "success", false, "input_tokens", 1);
        task("chat", "model", "busy", "input_tokens", 1);
        task("chat", "model", "busy", "input_tokens", 1);
        task("chat", "model", "rare", "success", false, "input_tokens", 1);

        var diagnosis = (DiagnosisView) data(operations.getDiagnosis(Arguments.none()));

        assertThat(diagnosis.mostFailingModel()).isEqualTo("rare");
        assertThat(diagnosis.costliestModel()).isNull(); // no cost known: no model is the costliest
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "input_tokens|-1|input_tokens must be between 0 and 100000000 (got -1)",
        "output_tokens|100000001|output_tokens must be between 0 and 100000000 (got 100000001)",
        "cache_read_tokens|2.5|cache_read_tokens must be an integer or null, got number 2.5",
        "cost_usd|100001|cost_usd must be between 0 and 100000 US dollars (got 100001)",
    })
    void badUsageIsRefusedByTheRulesOfATaskReportAndNothingIsRecorded(String field, String raw, String expected) {
        Envelope envelope = operations.recordUsage(fields("model", "m", field, new BigDecimal(raw)));

        assertThat(message(envelope)).isEqualTo(expected);
        assertThat(metrics.snapshot().usage()).isEqualTo(TokenUsage.NONE);
        assertThat(metrics.modelStats()).isEmpty();
    }

    @Test
    void usageNeedsATokenCountOrACost() {
        assertThat(message(operations.recordUsage(fields("model", "m", "agent", "a"))))
                .isEqualTo("usage needs at least one of input_tokens, output_tokens, cache_read_tokens, "
                        + "cache_write_tokens, cost_usd");
        assertThat(metrics.modelStats()).isEmpty();
    }

    @Test
    void usageRefusesUnknownFieldsLikeATasksName() {
        assertThat(message(operations.recordUsage(fields("name", "chat", "input_tokens", 5))))
                .isEqualTo("unknown argument 'name'; expected: agent, model, provider, input_tokens, "
                        + "output_tokens, cache_read_tokens, cache_write_tokens, cost_usd");
        assertThat(metrics.snapshot().usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void usageCachedTokensCannotExceedItsInput() {
        assertThat(message(operations.recordUsage(fields("input_tokens", 5, "cache_read_tokens", 6))))
                .isEqualTo("input_tokens counts cached tokens too: it must be at least cache_read_tokens + "
                        + "cache_write_tokens");
    }

    @Test
    void usageOfABadAgentNameIsRefused() {
        assertThat(message(operations.recordUsage(fields("agent", 5, "input_tokens", 5))))
                .isEqualTo("agent must be a string or null, got number 5");
    }

    @Test
    void recordedUsageTellsListenersWithAnEventThatNamesNoTask() {
        var events = new CopyOnWriteArrayList<MetricsEvent>();
        operations.addEventListener(events::add);

        operations.recordUsage(fields("input_tokens", 5));

        assertThat(events).singleElement().isInstanceOfSatisfying(MetricsEvent.UsageRecorded.class,
                usage -> assertThat(usage.usage().inputTokens()).isEqualTo(5L));
    }

    /** A journal that remembers what it was asked to keep. */
    private record RememberingJournal(List<TaskRecord> kept) implements TaskJournal {
        @Override
        public java.util.Optional<Reservation> reserve(int count) {
            return java.util.Optional.of(new Reservation() {
                @Override
                public CompletableFuture<Void> append(TaskRecord task) {
                    kept.add(task);
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void close() {
                }
            });
        }

        @Override
        public CompletableFuture<Void> clear() {
            kept.clear();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Readiness readiness() {
            return Readiness.READY;
        }
    }
}
