package dev.agentmeter.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AlertRuleParserTest {

    @Test
    void anErrorRateRuleReadsItsPercentageAndTheDefaultWindow() {
        AlertRule rule = AlertRuleParser.parse("error_rate > 20%");

        assertThat(rule.metric()).isEqualTo(AlertMetric.ERROR_RATE);
        assertThat(rule.threshold()).isEqualTo(20.0);
        assertThat(rule.task()).isNull();
        assertThat(rule.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.text()).isEqualTo("error_rate > 20%");
    }

    @Test
    void aLatencyThresholdInSecondsBecomesMilliseconds() {
        assertThat(AlertRuleParser.parse("p95 > 2s").threshold()).isEqualTo(2000.0);
        assertThat(AlertRuleParser.parse("p99 > 500ms").threshold()).isEqualTo(500.0);
        assertThat(AlertRuleParser.parse("p50>0.25s").threshold()).isEqualTo(250.0);
    }

    @Test
    void aRuleMayNameOneTaskAndAWindow() {
        AlertRule rule = AlertRuleParser.parse("error_rate > 5% for task=web search window=1m");

        assertThat(rule.task()).isEqualTo("web search");
        assertThat(rule.window()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anUnknownMetricIsAnErrorThatListsTheKnownOnes() {
        assertThatThrownBy(() -> AlertRuleParser.parse("latency > 2s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown metric 'latency'")
                .hasMessageContaining("error_rate, p50, p95, p99");
    }

    @Test
    void aLatencyThresholdWithoutAUnitIsAnError() {
        assertThatThrownBy(() -> AlertRuleParser.parse("p95 > 2"))
                .hasMessageContaining("a p95 threshold is a duration in ms or s");
    }

    @Test
    void anErrorRateThresholdMustBeAPercentageBelowAHundred() {
        assertThatThrownBy(() -> AlertRuleParser.parse("error_rate > 0.2")).hasMessageContaining("percentage");
        assertThatThrownBy(() -> AlertRuleParser.parse("error_rate > 100%")).hasMessageContaining("below 100%");
    }

    @Test
    void aWindowOutsideTenSecondsToOneHourIsAnError() {
        assertThatThrownBy(() -> AlertRuleParser.parse("p95 > 1s window=5s")).hasMessageContaining("between 10s and 1h");
        assertThatThrownBy(() -> AlertRuleParser.parse("p95 > 1s window=2h")).hasMessageContaining("between 10s and 1h");
    }

    @Test
    void garbageIsAnErrorOnOneLineThatShowsAGoodRule() {
        assertThatThrownBy(() -> AlertRuleParser.parse("fire when things are bad"))
                .hasMessageStartingWith("invalid alert rule 'fire when things are bad': expected METRIC > THRESHOLD")
                .hasMessageNotContaining("\n");
    }
}
