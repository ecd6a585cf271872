package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.SdkTelemetry.service;
import static dev.agentmeter.otlp.SdkTelemetry.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;

/**
 * Usage metrics from the OpenTelemetry Java SDK's OTLP/HTTP metric exporter, with delta and with cumulative
 * temporality: the GenAI convention's token histogram and Claude Code's token and cost counters go into the
 * token and cost totals, exactly once, and never into the request counts.
 */
@Timeout(60)
class OtlpMetricsEndToEndTest {

    private static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    private static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");

    private OtlpTestServer server;
    private SdkMeterProvider provider;

    @BeforeEach
    void startServer() throws Exception {
        server = OtlpTestServer.start();
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        server.close();
    }

    private Meter meter(String service, AggregationTemporalitySelector temporality) {
        var exporter = OtlpHttpMetricExporter.builder().setEndpoint(server.base() + "/v1/metrics")
                .setAggregationTemporalitySelector(temporality).build();
        provider = SdkMeterProvider.builder().setResource(service(service))
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
                .build();
        return provider.get("agentmeter-test");
    }

    /** Two exports of the same usage: the second adds a little to some series and nothing to others. */
    private void reportUsageTwice(Meter meter) {
        LongHistogram tokens = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}").build();
        LongCounter claudeTokens = meter.counterBuilder("claude_code.token.usage").setUnit("tokens").build();
        DoubleCounter claudeCost = meter.counterBuilder("claude_code.cost.usage").ofDoubles().setUnit("USD").build();
        Attributes acme = Attributes.of(REQUEST_MODEL, "acme-chat-1", PROVIDER, "acme");
        Attributes sonnet = Attributes.of(MODEL, "claude-sonnet-4-5");
        tokens.record(100, acme.toBuilder().put(TOKEN_TYPE, "input").build());
        tokens.record(40, acme.toBuilder().put(TOKEN_TYPE, "output").build());
        claudeTokens.add(120, sonnet.toBuilder().put(TYPE, "input").build());
        claudeTokens.add(300, sonnet.toBuilder().put(TYPE, "output").build());
        claudeTokens.add(1000, sonnet.toBuilder().put(TYPE, "cacheRead").build());
        claudeTokens.add(200, sonnet.toBuilder().put(TYPE, "cacheCreation").build());
        claudeCost.add(0.0421, sonnet);
        succeeded(provider.forceFlush());
        tokens.record(50, acme.toBuilder().put(TOKEN_TYPE, "input").build());
        claudeTokens.add(10, sonnet.toBuilder().put(TYPE, "input").build());
        claudeTokens.add(20, sonnet.toBuilder().put(TYPE, "output").build());
        claudeCost.add(0.0079, sonnet);
        succeeded(provider.forceFlush());
    }

    private void assertUsageCountedOnce() {
        JsonNode metrics = server.data("/api/metrics");
        // Claude Code counts input without the cached tokens: 120 + 1000 + 200, then 10.
        assertThat(metrics.path("total_input_tokens").asLong()).isEqualTo(150 + 1320 + 10);
        assertThat(metrics.path("total_output_tokens").asLong()).isEqualTo(40 + 300 + 20);
        assertThat(metrics.path("total_cache_read_tokens").asLong()).isEqualTo(1000);
        assertThat(metrics.path("total_cache_write_tokens").asLong()).isEqualTo(200);
        assertThat(metrics.path("total_cost_usd").asDouble()).isCloseTo(0.05, within(1e-9));
        assertThat(metrics.path("total_requests").asLong()).isZero();
        Map<String, Long> inputByModel = new java.util.HashMap<>();
        server.data("/api/models").forEach(model -> inputByModel.put(model.path("model").asText(),
                model.path("input_tokens").asLong()));
        assertThat(inputByModel).isEqualTo(Map.of("acme-chat-1", 150L, "claude-sonnet-4-5", 1330L));
    }

    @Test
    void deltaTemporalityUsageIsSummed() {
        reportUsageTwice(meter("claude-code", AggregationTemporalitySelector.deltaPreferred()));

        assertUsageCountedOnce();
    }

    @Test
    void cumulativeTemporalityUsageIsCountedByWhatEachSeriesGrew() {
        reportUsageTwice(meter("claude-code", AggregationTemporalitySelector.alwaysCumulative()));

        assertUsageCountedOnce();
    }

    @Test
    void operationDurationIsAcceptedButRecordsNothing() {
        Meter meter = meter("travel-agent", AggregationTemporalitySelector.deltaPreferred());
        meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s").build()
                .record(1.5, Attributes.of(REQUEST_MODEL, "acme-chat-1"));
        meter.counterBuilder("http.server.requests").build().add(3);
        succeeded(provider.forceFlush());

        JsonNode metrics = server.data("/api/metrics");
        assertThat(metrics.path("total_requests").asLong()).isZero();
        assertThat(metrics.path("total_input_tokens").asLong()).isZero();
        assertThat(server.prometheus())
                .contains("agentmeter_otlp_items_total{outcome=\"ignored\",signal=\"metrics\"} 2.0");
    }

    @Test
    void metricsOfASenderWhoseSpansCarryUsageAreIgnored() {
        var spans = CapturedTelemetry.spans(service("travel-agent"), tracer ->
                tracer.spanBuilder("chat acme-chat-1").setAttribute("gen_ai.operation.name", "chat")
                        .setAttribute("gen_ai.request.model", "acme-chat-1")
                        .setAttribute("gen_ai.usage.input_tokens", 100L).startSpan().end());
        assertThat(server.post("/v1/traces", "application/x-protobuf", CapturedTelemetry.protobuf(spans), Map.of())
                .statusCode()).isEqualTo(200);
        var sameUsage = CapturedTelemetry.metrics(service("travel-agent"), AggregationTemporality.DELTA, meter ->
                meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().build()
                        .record(100, Attributes.of(TOKEN_TYPE, "input", REQUEST_MODEL, "acme-chat-1")));
        var otherSender = CapturedTelemetry.metrics(service("batch-job"), AggregationTemporality.DELTA, meter ->
                meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().build()
                        .record(7, Attributes.of(TOKEN_TYPE, "input", REQUEST_MODEL, "acme-chat-1")));

        assertThat(server.post("/v1/metrics", "application/x-protobuf", CapturedTelemetry.metricsProtobuf(sameUsage),
                Map.of()).statusCode()).isEqualTo(200);
        assertThat(server.post("/v1/metrics", "application/json", CapturedTelemetry.metricsJson(otherSender),
                Map.of()).statusCode()).isEqualTo(200);

        assertThat(server.data("/api/metrics").path("total_input_tokens").asLong()).isEqualTo(107);
    }
}
