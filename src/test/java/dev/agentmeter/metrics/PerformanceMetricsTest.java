package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.MutableClock;

class PerformanceMetricsTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final PerformanceMetrics metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());

    @Test
    void emptyStoreHasZeroRatesAndNoLatency() {
        MetricsSnapshot snapshot = metrics.snapshot();

        assertThat(snapshot.totalRequests()).isZero();
        assertThat(snapshot.successfulRequests()).isZero();
        assertThat(snapshot.failedRequests()).isZero();
        assertThat(snapshot.successRate()).isZero();
        assertThat(snapshot.errorRate()).isZero();
        assertThat(snapshot.latency()).isNull();
        assertThat(snapshot.lastRequestAt()).isNull();
        assertThat(snapshot.requestsLastMinute()).isZero();
        assertThat(metrics.history(10)).isEmpty();
        assertThat(metrics.errors(10)).isEmpty();
        assertThat(metrics.taskStats()).isEmpty();
    }

    @Test
    void oneTaskGivesExactFigures() {
        metrics.record("search", Duration.ofMillis(250), true, null);

        MetricsSnapshot snapshot = metrics.snapshot();
        assertThat(snapshot.totalRequests()).isEqualTo(1);
        assertThat(snapshot.successRate()).isEqualTo(100.0);
        assertThat(snapshot.errorRate()).isZero();
        LatencySummary latency = snapshot.latency();
        assertThat(latency.avgMillis()).isEqualTo(250.0);
        assertThat(latency.minMillis()).isEqualTo(250.0);
        assertThat(latency.maxMillis()).isEqualTo(250.0);
        assertThat(List.of(latency.p50Millis(), latency.p95Millis(), latency.p99Millis())).containsOnly(250.0);
        assertThat(snapshot.lastRequestAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(metrics.history(10)).singleElement()
                .satisfies(task -> assertThat(task.name()).isEqualTo("search"));
    }

    @Test
    void failedTaskGoesToErrorLogWithItsMessage() {
        metrics.record("fetch", Duration.ofMillis(10), false, "timeout after 10 ms");

        assertThat(metrics.errors(10)).singleElement().satisfies(task -> {
            assertThat(task.name()).isEqualTo("fetch");
            assertThat(task.error()).isEqualTo("timeout after 10 ms");
        });
        assertThat(metrics.snapshot().errorRate()).isEqualTo(100.0);
    }

    @Test
    void failureWithoutMessageIsLoggedAsUnknownError() {
        metrics.record("fetch", Duration.ZERO, false, null);

        assertThat(metrics.errors(1).get(0).error()).isEqualTo(TaskRecord.UNKNOWN_ERROR);
    }

    @Test
    void percentilesFollowTheDistribution() {
        IntStream.rangeClosed(1, 100).forEach(ms -> metrics.record("t", Duration.ofMillis(ms), true, null));

        LatencySummary latency = metrics.snapshot().latency();
        assertThat(latency.minMillis()).isEqualTo(1.0);
        assertThat(latency.maxMillis()).isEqualTo(100.0);
        assertThat(latency.avgMillis()).isEqualTo(50.5);
        assertThat(latency.p50Millis()).isCloseTo(50.0, within(0.5));
        assertThat(latency.p95Millis()).isCloseTo(95.0, within(0.5));
        assertThat(latency.p99Millis()).isCloseTo(99.0, within(0.5));
    }

    @Test
    void resetForgetsTasksButKeepsUptime() {
        metrics.record("a", Duration.ofMillis(5), true, null);
        metrics.record("b", Duration.ofMillis(5), false, "boom");
        clock.advance(Duration.ofSeconds(42));

        long forgotten = metrics.reset();

        MetricsSnapshot snapshot = metrics.snapshot();
        assertThat(forgotten).isEqualTo(2);
        assertThat(snapshot.totalRequests()).isZero();
        assertThat(snapshot.latency()).isNull();
        assertThat(snapshot.uptime()).isEqualTo(Duration.ofSeconds(42));
        assertThat(metrics.history(10)).isEmpty();
        assertThat(metrics.errors(10)).isEmpty();
        assertThat(metrics.taskStats()).isEmpty();
        assertThat(metrics.timeSeries().points()).allSatisfy(point -> assertThat(point.successes()).isZero());
    }

    @Test
    void historyOverflowKeepsTheNewestEntries() {
        var small = new PerformanceMetrics(clock, MetricsCapacities.defaults().withHistorySize(3).withErrorLogSize(2));
        for (int i = 1; i <= 7; i++) {
            small.record("task-" + i, Duration.ofMillis(i), false, "error " + i);
        }

        assertThat(small.history(100)).extracting(TaskRecord::name).containsExactly("task-7", "task-6", "task-5");
        assertThat(small.errors(100)).extracting(TaskRecord::error).containsExactly("error 7", "error 6");
        assertThat(small.snapshot().totalRequests()).isEqualTo(7);
    }

    @Test
    void historyLimitReturnsOnlyTheNewest() {
        for (int i = 1; i <= 5; i++) {
            metrics.record("task-" + i, Duration.ofMillis(i), true, null);
        }

        assertThat(metrics.history(2)).extracting(TaskRecord::name).containsExactly("task-5", "task-4");
    }

    @Test
    void namesAreStoredAsGivenIncludingMarkupAndUnicode() {
        List<String> names = List.of("<img src=x onerror=alert(1)>", "données-🚀", "名前", "a\"b'c&d", "tab\there");
        names.forEach(name -> metrics.record(name, Duration.ofMillis(1), true, null));

        assertThat(metrics.history(10)).extracting(TaskRecord::name).containsExactlyInAnyOrderElementsOf(names);
        assertThat(metrics.taskStats()).extracting(TaskStats::name).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void zeroDurationIsRecordedAsZero() {
        metrics.record("instant", Duration.ZERO, true, null);

        LatencySummary latency = metrics.snapshot().latency();
        assertThat(latency.minMillis()).isZero();
        assertThat(latency.maxMillis()).isZero();
        assertThat(latency.p99Millis()).isZero();
    }

    @Test
    void hugeDurationIsClampedToOneYearWithoutOverflow() {
        metrics.record("forever", Duration.ofDays(100_000), true, null);
        metrics.record("forever", Duration.ofDays(100_000), true, null);

        LatencySummary latency = metrics.snapshot().latency();
        double oneYearMillis = Duration.ofDays(365).toMillis();
        assertThat(latency.maxMillis()).isEqualTo(oneYearMillis);
        assertThat(latency.avgMillis()).isEqualTo(oneYearMillis);
        assertThat(latency.p99Millis()).isLessThanOrEqualTo(latency.maxMillis());
    }

    @Test
    void latencyOrderHoldsForMixedDurations() {
        long[] micros = {0, 1, 999, 1_000_001, 3, 77_777_777, 12_345};
        for (long value : micros) {
            metrics.record(new TaskRecord("mix", value, true, null, clock.instant()));
        }

        LatencySummary latency = metrics.snapshot().latency();
        assertThat(latency.minMillis()).isLessThanOrEqualTo(latency.p50Millis());
        assertThat(latency.p50Millis()).isLessThanOrEqualTo(latency.p95Millis());
        assertThat(latency.p95Millis()).isLessThanOrEqualTo(latency.p99Millis());
        assertThat(latency.p99Millis()).isLessThanOrEqualTo(latency.maxMillis());
        assertThat(latency.maxMillis()).isEqualTo(77_777.777);
    }

    @Test
    void requestsPerMinuteCountsOnlyTheLastSixtySeconds() {
        metrics.record("old", Duration.ofMillis(1), true, null);
        clock.advance(Duration.ofSeconds(30));
        metrics.record("mid", Duration.ofMillis(1), true, null);
        metrics.record("mid", Duration.ofMillis(1), true, null);
        assertThat(metrics.snapshot().requestsLastMinute()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(31));
        assertThat(metrics.snapshot().requestsLastMinute()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(30));
        assertThat(metrics.snapshot().requestsLastMinute()).isZero();
        assertThat(metrics.snapshot().totalRequests()).isEqualTo(3);
    }

    @Test
    void uptimeFollowsTheClock() {
        clock.advance(Duration.ofHours(3).plusMinutes(12));

        assertThat(metrics.snapshot().uptime()).isEqualTo(Duration.ofMinutes(192));
    }

    @Test
    void perTaskStatsAreKeptPerNameBusiestFirst() {
        metrics.record("search", Duration.ofMillis(100), true, null);
        metrics.record("search", Duration.ofMillis(300), false, "x");
        metrics.record("search", Duration.ofMillis(200), true, null);
        metrics.record("plan", Duration.ofMillis(50), true, null);

        List<TaskStats> stats = metrics.taskStats();
        assertThat(stats).extracting(TaskStats::name).containsExactly("search", "plan");
        TaskStats search = stats.get(0);
        assertThat(search.count()).isEqualTo(3);
        assertThat(search.failedRequests()).isEqualTo(1);
        assertThat(search.errorRate()).isEqualTo(33.33);
        assertThat(search.latency().avgMillis()).isEqualTo(200.0);
        assertThat(search.latency().minMillis()).isEqualTo(100.0);
        assertThat(search.latency().maxMillis()).isEqualTo(300.0);
        assertThat(metrics.taskStats("plan")).get().extracting(TaskStats::count).isEqualTo(1L);
        assertThat(metrics.taskStats("unknown")).isEmpty();
    }

    @Test
    void namesBeyondTheCapCountUnderOther() {
        var capped = new PerformanceMetrics(clock, MetricsCapacities.defaults().withMaxTaskNames(3));
        for (int i = 0; i < 10; i++) {
            capped.record("name-" + i, Duration.ofMillis(1), true, null);
        }
        capped.record("name-0", Duration.ofMillis(1), true, null);

        List<TaskStats> stats = capped.taskStats();
        assertThat(stats).hasSize(4);
        assertThat(stats.get(0).name()).isEqualTo(PerformanceMetrics.OTHER_TASKS);
        assertThat(stats.get(0).count()).isEqualTo(7);
        assertThat(stats.stream().mapToLong(TaskStats::count).sum()).isEqualTo(11);
        assertThat(capped.taskNames()).hasSize(3);
    }

    @Test
    void timeSeriesHasOnePointPerSecondOfTheWindow() {
        metrics.record("a", Duration.ofMillis(10), true, null);
        metrics.record("a", Duration.ofMillis(30), false, "x");
        clock.advance(Duration.ofSeconds(2));
        metrics.record("a", Duration.ofMillis(20), true, null);

        List<TimeSeriesSnapshot.Point> points = metrics.timeSeries().points();
        assertThat(points).hasSize(900);
        TimeSeriesSnapshot.Point last = points.get(899);
        TimeSeriesSnapshot.Point first = points.get(897);
        assertThat(last.epochSecond()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(last.successes()).isEqualTo(1);
        assertThat(first.successes()).isEqualTo(1);
        assertThat(first.failures()).isEqualTo(1);
        assertThat(points.get(898).latency()).isNull();
        assertThat(first.latency().maxMillis()).isCloseTo(30.0, within(30.0 * 0.07));
        assertThat(first.latency().minMillis()).isCloseTo(10.0, within(10.0 * 0.07));
    }

    @Test
    void timeSeriesForgetsSecondsOlderThanTheWindow() {
        metrics.record("a", Duration.ofMillis(10), true, null);
        clock.advance(Duration.ofMinutes(15));
        metrics.record("a", Duration.ofMillis(10), true, null);

        long total = metrics.timeSeries().points().stream().mapToLong(TimeSeriesSnapshot.Point::successes).sum();
        assertThat(total).isEqualTo(1);
    }

    @Test
    void eventListenersLearnWhichTaskWasRecordedAndHowManyAReset() {
        var events = new java.util.concurrent.CopyOnWriteArrayList<MetricsEvent>();
        metrics.addEventListener(events::add);

        TaskRecord task = metrics.record("a", Duration.ofMillis(3), false, "boom");
        metrics.reset();

        assertThat(events).containsExactly(new MetricsEvent.TaskRecorded(task), new MetricsEvent.MetricsReset(1));
    }

    @Test
    void eventListenersRunAfterRecordAndReset() {
        var calls = new AtomicInteger();
        metrics.addEventListener(event -> calls.incrementAndGet());

        metrics.record("a", Duration.ZERO, true, null);
        metrics.reset();

        assertThat(calls).hasValue(2);
    }

    @Test
    void eventsRaisedUnderAHoldAreDeliveredInOrderWhenTheOutermostHoldCloses() {
        var events = new java.util.concurrent.CopyOnWriteArrayList<MetricsEvent>();
        metrics.addEventListener(events::add);

        TaskRecord task;
        try (var outer = metrics.holdEvents()) {
            try (var inner = metrics.holdEvents()) {
                task = metrics.record("a", Duration.ofMillis(3), true, null);
            }
            metrics.reset();
            assertThat(events).isEmpty();
        }

        assertThat(events).containsExactly(new MetricsEvent.TaskRecorded(task), new MetricsEvent.MetricsReset(1));
    }

    @Test
    void aFailingListenerNeitherFailsTheRecordingNorStarvesTheNextListener() {
        var heard = new AtomicInteger();
        metrics.addEventListener(event -> {
            throw new IllegalStateException("broken listener");
        });
        metrics.addEventListener(event -> heard.incrementAndGet());

        metrics.record("a", Duration.ZERO, true, null);
        metrics.record("b", Duration.ZERO, true, null);

        assertThat(heard).hasValue(2);
        assertThat(metrics.snapshot().totalRequests()).isEqualTo(2);
    }
}
