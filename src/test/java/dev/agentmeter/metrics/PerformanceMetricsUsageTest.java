package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.MutableClock;
import dev.agentmeter.testing.OnThreads;

/** Tokens and cost: totals, the per-model table, the per-second series, and usage that comes without a task. */
class PerformanceMetricsUsageTest {

    private static final long NANOS = ModelCall.NANOS_PER_USD;

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final PerformanceMetrics metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());

    private void call(String model, long millis, boolean success, long input, long output, Long costNanoUsd) {
        call(model, "anthropic", millis, success, input, output, costNanoUsd);
    }

    private void call(String model, String provider, long millis, boolean success, long input, long output,
                      Long costNanoUsd) {
        metrics.record(new TaskRecord("chat " + model, millis * 1000, success, success ? null : "overloaded",
                clock.instant(), "alpha", new ModelCall(model, provider, input, output, 0L, 0L, costNanoUsd), null));
    }

    private static ModelCall usage(String model, long input, long output, Long costNanoUsd) {
        return new ModelCall(model, "openai", input, output, null, null, costNanoUsd);
    }

    @Test
    void totalsAddUpTheTokensAndCostOfEveryModelCall() {
        metrics.record(new TaskRecord("chat", 5_000, true, null, clock.instant(), null,
                new ModelCall("m", null, 1_200L, 300L, 1_000L, 100L, 4_500_000L), null));
        metrics.record(new TaskRecord("chat", 5_000, true, null, clock.instant(), null,
                new ModelCall("m", null, 800L, 200L, null, 50L, 500_000L), null));

        assertThat(metrics.snapshot().usage())
                .isEqualTo(new TokenUsage(2_000, 500, 1_000, 150, 5_000_000L));
        assertThat(metrics.snapshot().usage().costUsd()).isEqualTo(0.005);
    }

    @Test
    void tasksWithoutAModelCallUseNothingAndAreInNoModelsRow() {
        metrics.record("plain", java.time.Duration.ofMillis(3), true, null);

        assertThat(metrics.snapshot().usage()).isEqualTo(TokenUsage.NONE);
        assertThat(metrics.modelStats()).isEmpty();
    }

    @Test
    void aModelCallWithoutAModelCountsInTheTotalsButInNoModelsRow() {
        metrics.record(new TaskRecord("chat", 5_000, true, null, clock.instant(), null,
                new ModelCall(null, "openai", 10L, 20L, null, null, null), null));

        assertThat(metrics.snapshot().usage().totalTokens()).isEqualTo(30);
        assertThat(metrics.modelStats()).isEmpty();
    }

    @Test
    void modelStatsCountCallsFailuresTokensCostAndLatencyPerModelBusiestFirst() {
        call("haiku", 10, true, 100, 10, 1_000L);
        call("sonnet", 20, true, 1_000, 100, 30_000L);
        call("sonnet", 40, false, 2_000, 0, 60_000L);

        assertThat(metrics.modelStats()).extracting(ModelStats::model, ModelStats::requests,
                        ModelStats::failedRequests, stats -> stats.usage().inputTokens(),
                        stats -> stats.usage().outputTokens(), stats -> stats.usage().costNanoUsd())
                .containsExactly(tuple("sonnet", 2L, 1L, 3_000L, 100L, 90_000L),
                        tuple("haiku", 1L, 0L, 100L, 10L, 1_000L));
        ModelStats sonnet = metrics.modelStats().get(0);
        assertThat(sonnet.latency().p50Millis()).isCloseTo(20.0, withPercentage(1)); // two significant digits
        assertThat(sonnet.latency().p95Millis()).isEqualTo(40.0); // the maximum, exact
        assertThat(sonnet.errorRate()).isEqualTo(50.0);
    }

    @Test
    void aModelsProviderIsTheFirstOneReported() {
        call("gpt-5", null, 10, true, 1, 1, null);
        call("gpt-5", "openai", 10, true, 1, 1, null);
        call("gpt-5", "azure", 10, true, 1, 1, null);

        assertThat(metrics.modelStats()).singleElement().extracting(ModelStats::provider).isEqualTo("openai");
    }

    @Test
    void aModelWithoutAnyKnownCostHasAnUnknownCostNotZero() {
        call("mystery", 10, true, 500, 50, null);
        call("free", 10, true, 500, 50, 0L);

        assertThat(metrics.modelStats()).extracting(ModelStats::model, stats -> stats.usage().costNanoUsd())
                .containsExactly(tuple("free", 0L), tuple("mystery", null));
        assertThat(metrics.snapshot().usage().costNanoUsd()).isZero();
    }

    @Test
    void modelsBeyondTheCapShareTheOtherRowWhichKeepsNoProvider() {
        for (int i = 0; i < PerformanceMetrics.MAX_MODELS + 3; i++) {
            call("model-" + i, 10, true, 10, 1, 7L);
        }

        List<ModelStats> stats = metrics.modelStats();
        assertThat(stats).hasSize(PerformanceMetrics.MAX_MODELS + 1);
        assertThat(stats).filteredOn(row -> row.model().equals(PerformanceMetrics.OTHER_MODELS)).singleElement()
                .satisfies(other -> {
                    assertThat(other.requests()).isEqualTo(3);
                    assertThat(other.usage().inputTokens()).isEqualTo(30);
                    assertThat(other.usage().costNanoUsd()).isEqualTo(21);
                    assertThat(other.provider()).isNull();
                });
        assertThat(stats).extracting(ModelStats::model).contains("model-0", "model-99")
                .doesNotContain("model-100");
    }

    @Test
    void usageWithoutATaskAddsTokensAndCostButNoRequest() {
        call("gpt-5", 10, true, 100, 10, 1_000L);

        metrics.recordUsage("alpha", usage("gpt-5", 40, 4, 400L));
        metrics.recordUsage(null, usage("embed-3", 7, 0, null));

        MetricsSnapshot snapshot = metrics.snapshot();
        assertThat(snapshot.totalRequests()).isEqualTo(1);
        assertThat(snapshot.usage()).isEqualTo(new TokenUsage(147, 14, 0, 0, 1_400L));
        assertThat(metrics.modelStats()).extracting(ModelStats::model, ModelStats::requests,
                        stats -> stats.usage().inputTokens(), stats -> stats.usage().costNanoUsd())
                .containsExactly(tuple("gpt-5", 1L, 140L, 1_400L), tuple("embed-3", 0L, 7L, null));
        assertThat(metrics.modelStats().get(1).latency()).isNull();
        assertThat(metrics.taskStats()).extracting(TaskStats::count).containsExactly(1L);
        assertThat(metrics.history(10)).hasSize(1);
    }

    @Test
    void usageWithoutATaskIsInTheSeriesOfItsSecondAndOfItsAgent() {
        metrics.recordUsage("alpha", usage("gpt-5", 40, 4, 2 * NANOS));

        TimeSeriesSnapshot.Point now = metrics.timeSeries().points().get(899);
        assertThat(now.epochSecond()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(now.successes() + now.failures()).isZero();
        assertThat(now.inputTokens()).isEqualTo(40);
        assertThat(now.outputTokens()).isEqualTo(4);
        assertThat(now.costNanoUsd()).isEqualTo(2 * NANOS);
        assertThat(metrics.agentTimeSeries("alpha").points().get(899).inputTokens()).isEqualTo(40);
        assertThat(metrics.agentStats()).isEmpty(); // usage alone makes no request of the agent
    }

    @Test
    void theSeriesHoldsEachSecondsTokensAndCost() {
        call("sonnet", 10, true, 100, 10, 1_000L);
        clock.advance(java.time.Duration.ofSeconds(1));
        call("sonnet", 10, true, 200, 20, 2_000L);
        call("sonnet", 10, true, 300, 30, null);
        metrics.record("plain", java.time.Duration.ofMillis(1), true, null);

        List<TimeSeriesSnapshot.Point> points = metrics.timeSeries().points();
        assertThat(points.subList(898, 900)).extracting(TimeSeriesSnapshot.Point::successes,
                        TimeSeriesSnapshot.Point::inputTokens, TimeSeriesSnapshot.Point::outputTokens,
                        TimeSeriesSnapshot.Point::costNanoUsd)
                .containsExactly(tuple(1L, 100L, 10L, 1_000L), tuple(3L, 500L, 50L, 2_000L));
        assertThat(points.get(897).inputTokens()).isZero();
        assertThat(metrics.agentTimeSeries("alpha").points().get(899).outputTokens()).isEqualTo(50);
    }

    @Test
    void resetForgetsTokensCostModelsAndUsage() {
        call("sonnet", 10, true, 100, 10, 1_000L);
        metrics.recordUsage("alpha", usage("gpt-5", 40, 4, 400L));

        metrics.reset();

        assertThat(metrics.snapshot().usage()).isEqualTo(TokenUsage.NONE);
        assertThat(metrics.modelStats()).isEmpty();
        assertThat(metrics.timeSeries().points()).allSatisfy(point -> assertThat(point.inputTokens()).isZero());
    }

    @Test
    void usageListenersHearOfUsageRecordedWithoutATask() {
        var events = new ArrayList<MetricsEvent>();
        metrics.addEventListener(events::add);
        ModelCall reported = usage("gpt-5", 40, 4, 400L);

        metrics.recordUsage("alpha", reported);

        assertThat(events).containsExactly(new MetricsEvent.UsageRecorded("alpha", reported, clock.instant()));
    }

    @Test
    void totalsBeyondTheLongRangePinAtTheMaximumInsteadOfWrapping() {
        for (int i = 0; i < 3; i++) {
            metrics.record(new TaskRecord("chat", 1, true, null, clock.instant(), null,
                    new ModelCall("m", null, Long.MAX_VALUE / 2, 1L, null, null, Long.MAX_VALUE / 2), null));
        }

        TokenUsage usage = metrics.snapshot().usage();
        assertThat(usage.inputTokens()).isEqualTo(Long.MAX_VALUE);
        assertThat(usage.costNanoUsd()).isEqualTo(Long.MAX_VALUE);
        assertThat(usage.outputTokens()).isEqualTo(3);
        assertThat(metrics.timeSeries().points().get(899).costNanoUsd()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void negativeTokensOrCostAreABugNotUsage() {
        assertThatThrownBy(() -> new ModelCall("m", null, -1L, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputTokens");
        assertThatThrownBy(() -> new ModelCall("m", null, null, null, null, null, -5L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("costNanoUsd");
    }

    @Test
    void theModelCapHoldsExactlyWhenThreadsRaceToAddNewModels() throws Exception {
        int writers = 8;
        int modelsPerWriter = 40; // 320 distinct models racing for 100 places
        var concurrent = new PerformanceMetrics(clock, MetricsCapacities.defaults());
        OnThreads.run(writers, writer -> {
            for (int i = 0; i < modelsPerWriter; i++) {
                concurrent.recordUsage(null, usage("model-" + writer + "-" + i, 1, 0, 1L));
            }
        });

        List<ModelStats> stats = concurrent.modelStats();
        assertThat(stats).hasSize(PerformanceMetrics.MAX_MODELS + 1);
        assertThat(stats.stream().mapToLong(row -> row.usage().inputTokens()).sum())
                .isEqualTo((long) writers * modelsPerWriter);
        assertThat(stats).filteredOn(row -> row.model().equals(PerformanceMetrics.OTHER_MODELS)).singleElement()
                .extracting(row -> row.usage().costNanoUsd())
                .isEqualTo((long) writers * modelsPerWriter - PerformanceMetrics.MAX_MODELS);
    }

    @Test
    void theTimeOfUsageIsTheStoresClock() {
        metrics.recordUsage(null, usage("gpt-5", 1, 1, null));

        assertThat(metrics.timeSeries().points().get(899).epochSecond())
                .isEqualTo(Instant.parse("2026-11-24T10:00:00Z").getEpochSecond());
    }
}
