package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.MutableClock;
import dev.agentmeter.testing.OnThreads;

/** The agent dimension: per-agent figures, their caps, and their agreement with the global figures. */
class PerformanceMetricsAgentTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final PerformanceMetrics metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());

    private void record(String name, long millis, boolean success, String agent) {
        metrics.record(new TaskRecord(name, millis * 1000, success, success ? null : "boom", clock.instant(), agent));
    }

    @Test
    void agentStatsCountEachAgentsTasks() {
        record("crawl", 10, true, "alpha");
        record("crawl", 30, false, "alpha");
        record("parse", 20, true, "beta");

        assertThat(metrics.agentStats()).extracting(AgentStats::agent, AgentStats::successfulRequests,
                        AgentStats::failedRequests)
                .containsExactly(tuple("alpha", 1L, 1L),
                        tuple("beta", 1L, 0L));
    }

    @Test
    void tasksWithoutAnAgentAreNotCountedPerAgent() {
        record("crawl", 10, true, null);

        assertThat(metrics.agentStats()).isEmpty();
        assertThat(metrics.snapshot().totalRequests()).isEqualTo(1);
    }

    @Test
    void agentTaskStatsHoldOnlyThatAgentsTasks() {
        record("crawl", 10, true, "alpha");
        record("crawl", 30, true, "beta");
        record("parse", 20, true, "beta");

        assertThat(metrics.agentTaskStats("alpha")).singleElement().satisfies(stats -> {
            assertThat(stats.name()).isEqualTo("crawl");
            assertThat(stats.count()).isEqualTo(1);
            assertThat(stats.latency().maxMillis()).isEqualTo(10.0);
        });
        assertThat(metrics.agentTaskStats("beta")).extracting(TaskStats::name).containsExactlyInAnyOrder("crawl", "parse");
    }

    @Test
    void unknownAgentHasNoTaskStatsAndAnEmptySeries() {
        record("crawl", 10, true, "alpha");

        assertThat(metrics.agentTaskStats("nobody")).isEmpty();
        TimeSeriesSnapshot series = metrics.agentTimeSeries("nobody");
        assertThat(series.points()).hasSize(900).allSatisfy(point -> {
            assertThat(point.successes() + point.failures()).isZero();
        });
    }

    @Test
    void agentTimeSeriesCountsOnlyThatAgentsTasksPerSecond() {
        record("crawl", 10, true, "alpha");
        record("crawl", 10, false, "alpha");
        record("crawl", 10, true, "beta");

        TimeSeriesSnapshot.Point last = metrics.agentTimeSeries("alpha").points().get(899);
        assertThat(last.epochSecond()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z").getEpochSecond());
        assertThat(last.successes()).isEqualTo(1);
        assertThat(last.failures()).isEqualTo(1);
    }

    @Test
    void agentsBeyondTheCapAreCountedAsOther() {
        for (int i = 0; i < PerformanceMetrics.MAX_AGENTS + 3; i++) {
            record("crawl", 10, true, "agent-" + i);
        }

        assertThat(metrics.agentStats()).hasSize(PerformanceMetrics.MAX_AGENTS + 1)
                .filteredOn(stats -> stats.agent().equals(PerformanceMetrics.OTHER_AGENTS))
                .singleElement().extracting(AgentStats::count).isEqualTo(3L);
        assertThat(metrics.agentLabel("agent-0")).isEqualTo("agent-0");
        assertThat(metrics.agentLabel("agent-" + (PerformanceMetrics.MAX_AGENTS + 1)))
                .isEqualTo(PerformanceMetrics.OTHER_AGENTS);
    }

    @Test
    void taskNamesOfOneAgentBeyondTheirCapAreCountedAsOther() {
        for (int i = 0; i < PerformanceMetrics.MAX_TASK_NAMES_PER_AGENT + 2; i++) {
            record("task-" + i, 10, true, "alpha");
        }

        assertThat(metrics.agentTaskStats("alpha")).hasSize(PerformanceMetrics.MAX_TASK_NAMES_PER_AGENT + 1)
                .filteredOn(stats -> stats.name().equals(PerformanceMetrics.OTHER_TASKS))
                .singleElement().extracting(TaskStats::count).isEqualTo(2L);
    }

    @Test
    void agentPercentilesAreWithinSevenPercentOfTheTruth() {
        for (int millis = 1; millis <= 1000; millis++) {
            record("crawl", millis, true, "alpha");
        }

        LatencySummary latency = metrics.agentStats().get(0).latency();
        assertThat(latency.p50Millis()).isCloseTo(500.0, withPercentage(7));
        assertThat(latency.p99Millis()).isCloseTo(990.0, withPercentage(7));
        assertThat(latency.minMillis()).isEqualTo(1.0);
        assertThat(latency.maxMillis()).isEqualTo(1000.0);
    }

    @Test
    void agentLabelOfNoAgentIsNull() {
        assertThat(metrics.agentLabel(null)).isNull();
    }

    @Test
    void resetForgetsEveryAgent() {
        record("crawl", 10, true, "alpha");

        metrics.reset();

        assertThat(metrics.agentStats()).isEmpty();
        assertThat(metrics.agentTaskStats("alpha")).isEmpty();
    }

    @Test
    void perAgentCountsStayExactUnderConcurrentWriters() throws Exception {
        int writers = 8;
        int perWriter = 5_000;
        var concurrent = new PerformanceMetrics(java.time.Clock.systemUTC(), MetricsCapacities.defaults());
        OnThreads.run(writers, writer -> {
            for (int i = 0; i < perWriter; i++) {
                concurrent.record(new TaskRecord("task-" + i % 3, 1_000, i % 5 != 0, null,
                        concurrent.now(), "agent-" + (writer + i) % 4));
                if (i % 1_000 == 0) {
                    concurrent.agentStats(); // folds phases while writers record
                }
            }
        });

        assertThat(concurrent.agentStats()).hasSize(4).allSatisfy(stats -> {
            assertThat(stats.count()).isEqualTo(writers * perWriter / 4);
            assertThat(stats.failedRequests()).isEqualTo(writers * perWriter / 4 / 5);
        });
        long perTaskTotal = 0;
        for (int a = 0; a < 4; a++) {
            perTaskTotal += concurrent.agentTaskStats("agent-" + a).stream().mapToLong(TaskStats::count).sum();
        }
        assertThat(perTaskTotal).isEqualTo((long) writers * perWriter);
    }
}
