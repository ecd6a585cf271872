package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.MutableClock;

/** The GenAI client metrics and the cost counter, read back with the strict exposition parser. */
class ModelCallExporterTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final PrometheusExporter exporter = new PrometheusExporter(10, clock, clock.instant(), () -> 0);

    private void call(String model, String provider, long millis, boolean success, String error, Long input,
                      Long output, Long costNanoUsd, String agent) {
        exporter.onMetricsEvent(new MetricsEvent.TaskRecorded(new TaskRecord("chat", millis * 1000, success, error,
                Instant.EPOCH, agent, new ModelCall(model, provider, input, output, null, null, costNanoUsd), null)));
    }

    private void call(String model, long input, long output) {
        call(model, "anthropic", 100, true, null, input, output, null, null);
    }

    private ExpositionParser.Exposition scrape() {
        return ExpositionParser.parse(exporter.scrape(null).body());
    }

    private static Map<String, String> tokens(String type, String model, String le) {
        return Map.of("gen_ai_token_type", type, "gen_ai_request_model", model, "gen_ai_provider_name", "anthropic",
                "le", le);
    }

    @Test
    void tokensOfEachCallFallInTheSemanticConventionsTokenBucketsByType() {
        call("sonnet", 1_000, 3);
        call("sonnet", 5_000, 70);

        var exposition = scrape();

        assertThat(exposition.types()).containsEntry("gen_ai_client_token_usage", "histogram");
        assertThat(exposition.samples()).filteredOn(s -> s.name().equals("gen_ai_client_token_usage_bucket")
                        && s.labels().get("gen_ai_token_type").equals("input"))
                .extracting(s -> s.labels().get("le"))
                .containsExactly("1.0", "4.0", "16.0", "64.0", "256.0", "1024.0", "4096.0", "16384.0", "65536.0",
                        "262144.0", "1048576.0", "4194304.0", "1.6777216E7", "6.7108864E7", "+Inf");
        assertThat(exposition.value("gen_ai_client_token_usage_bucket", tokens("input", "sonnet", "1024.0")))
                .hasValue(1.0);
        assertThat(exposition.value("gen_ai_client_token_usage_bucket", tokens("input", "sonnet", "16384.0")))
                .hasValue(2.0);
        assertThat(exposition.value("gen_ai_client_token_usage_bucket", tokens("output", "sonnet", "4.0")))
                .hasValue(1.0);
        assertThat(exposition.value("gen_ai_client_token_usage_sum", Map.of("gen_ai_token_type", "input",
                "gen_ai_request_model", "sonnet", "gen_ai_provider_name", "anthropic"))).hasValue(6_000.0);
    }

    @Test
    void modelCallDurationsFallInTheSemanticConventionsBucketsWithTheErrorTypeOfFailures() {
        call("gpt-5", "openai", 30, true, null, 1L, 1L, null, null);
        call("gpt-5", "openai", 3_000, false, "rate_limit_exceeded", 1L, 1L, null, null);

        var exposition = scrape();

        assertThat(exposition.types()).containsEntry("gen_ai_client_operation_duration_seconds", "histogram");
        assertThat(exposition.samples()).filteredOn(s -> s.name().equals("gen_ai_client_operation_duration_seconds_bucket")
                        && !s.labels().containsKey("error_type"))
                .extracting(s -> s.labels().get("le"))
                .containsExactly("0.01", "0.02", "0.04", "0.08", "0.16", "0.32", "0.64", "1.28", "2.56", "5.12",
                        "10.24", "20.48", "40.96", "81.92", "+Inf");
        assertThat(exposition.value("gen_ai_client_operation_duration_seconds_bucket", Map.of(
                "gen_ai_request_model", "gpt-5", "gen_ai_provider_name", "openai", "le", "0.04"))).hasValue(1.0);
        assertThat(exposition.value("gen_ai_client_operation_duration_seconds_bucket", Map.of(
                "gen_ai_request_model", "gpt-5", "gen_ai_provider_name", "openai", "error_type", "rate_limit_exceeded",
                "le", "2.56"))).hasValue(0.0);
        assertThat(exposition.value("gen_ai_client_operation_duration_seconds_count", Map.of(
                "gen_ai_request_model", "gpt-5", "gen_ai_provider_name", "openai", "error_type",
                "rate_limit_exceeded"))).hasValue(1.0);
    }

    @Test
    void tasksWithoutAModelCallAreNoModelCalls() {
        exporter.onMetricsEvent(new MetricsEvent.TaskRecorded(new TaskRecord("tool", 1_000, true, null,
                Instant.EPOCH)));

        var exposition = scrape();

        assertThat(exposition.samples()).noneMatch(s -> s.name().startsWith("gen_ai_")
                || s.name().startsWith("agentmeter_cost_usd"));
    }

    @Test
    void theKnownCostIsCountedInDollarsByModelAndAgent() {
        call("opus", "anthropic", 100, true, null, 10L, 10L, 1_500_000_000L, "planner");
        call("opus", "anthropic", 100, true, null, 10L, 10L, 500_000_000L, "planner");
        call("opus", "anthropic", 100, true, null, 10L, 10L, null, "planner"); // unknown cost adds nothing
        call("haiku", "anthropic", 100, true, null, 10L, 10L, 1_000L, null);

        var exposition = scrape();

        assertThat(exposition.types()).containsEntry("agentmeter_cost_usd_total", "counter");
        assertThat(exposition.value("agentmeter_cost_usd_total", Map.of("model", "opus", "agent", "planner")))
                .hasValue(2.0);
        assertThat(exposition.value("agentmeter_cost_usd_total", Map.of("model", "haiku")))
                .hasValueSatisfying(cost -> assertThat(cost).isCloseTo(0.000001, offset(1e-12)));
    }

    @Test
    void usageWithoutATaskCountsInTheTokensAndTheCostButNotInTheDurations() {
        exporter.onMetricsEvent(new MetricsEvent.UsageRecorded("claude-code",
                new ModelCall("sonnet", "anthropic", 2_000L, null, null, null, 250_000_000L), Instant.EPOCH));

        var exposition = scrape();

        assertThat(exposition.value("gen_ai_client_token_usage_count", Map.of("gen_ai_token_type", "input",
                "gen_ai_request_model", "sonnet", "gen_ai_provider_name", "anthropic"))).hasValue(1.0);
        assertThat(exposition.value("agentmeter_cost_usd_total", Map.of("model", "sonnet", "agent", "claude-code")))
                .hasValue(0.25);
        assertThat(exposition.samples()).noneMatch(s -> s.name().startsWith("gen_ai_client_operation_duration"));
    }

    @Test
    void modelsBeyondTheCapShareTheOtherModelLabel() {
        for (int i = 0; i < PerformanceMetrics.MAX_MODELS + 5; i++) {
            call("model-" + i, 1, 1);
        }

        var models = scrape().samples().stream().filter(s -> s.name().equals("gen_ai_client_token_usage_count"))
                .map(s -> s.labels().get("gen_ai_request_model")).distinct().toList();

        assertThat(models).hasSize(PerformanceMetrics.MAX_MODELS + 1).contains(PerformanceMetrics.OTHER_MODELS);
    }

    @Test
    void modelProviderPairsBeyondTheCapCountUnderTheOtherModel() {
        for (int i = 0; i < PerformanceMetrics.MAX_MODELS + 5; i++) {
            call("same-model", "provider-" + i, 100, true, null, 1L, null, null, null);
        }

        var pairs = scrape().samples().stream().filter(s -> s.name().equals("gen_ai_client_token_usage_count"))
                .map(s -> s.labels().get("gen_ai_request_model") + "/" + s.labels().get("gen_ai_provider_name"))
                .distinct().toList();

        assertThat(pairs).hasSize(PerformanceMetrics.MAX_MODELS + 1)
                .contains("(other)/(other)"); // a provider beyond the cap is "(other)" too
        assertThat(pairs.stream().filter(pair -> pair.startsWith("same-model/"))).hasSize(PerformanceMetrics.MAX_MODELS);
    }

    @Test
    void errorTypesBeyondTheirCapShareTheFallbackValue() {
        for (int i = 0; i < ModelLabels.MAX_ERROR_TYPES + 5; i++) {
            call("m", "p", 10, false, "error " + i + " at request " + i, 1L, 1L, null, null);
        }
        call("m", "p", 10, false, "x".repeat(500), 1L, 1L, null, null);

        var errorTypes = scrape().samples().stream()
                .filter(s -> s.name().equals("gen_ai_client_operation_duration_seconds_count"))
                .map(s -> s.labels().get("error_type")).distinct().toList();

        assertThat(errorTypes).hasSize(ModelLabels.MAX_ERROR_TYPES + 1).contains(ModelLabels.OTHER_ERROR_TYPE)
                .allSatisfy(type -> assertThat(type.length()).isLessThanOrEqualTo(ModelLabels.MAX_ERROR_TYPE_LENGTH));
    }
}
