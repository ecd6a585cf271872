package dev.agentmeter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UsageSourcesTest {

    @Test
    void metricsCountUntilTheSendersTasksCarryUsage() {
        var sources = new UsageSources(10);
        assertThat(sources.metricsCount("claude-code")).isTrue();

        sources.tasksCarriedUsage(List.of("claude-code"));

        assertThat(sources.metricsCount("claude-code")).isFalse();
        assertThat(sources.metricsCount("batch-job")).isTrue();
    }

    @Test
    void pastTheBoundNoMetricCountsSoNothingIsCountedTwice() {
        var sources = new UsageSources(2);
        sources.tasksCarriedUsage(List.of("a", "b"));
        assertThat(sources.metricsCount("c")).isTrue();

        sources.tasksCarriedUsage(List.of("c"));

        assertThat(sources.metricsCount("c")).isFalse();
        assertThat(sources.metricsCount("d")).isFalse();
    }
}
