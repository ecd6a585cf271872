package dev.agentmeter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import dev.agentmeter.testing.AgentMeterChild;

/**
 * The durability promise for OTLP: a batch the SDK's OTLP exporter saw acknowledged (its export succeeded, so
 * the server answered 200) is stored, so it survives kill -9 of the real process and a restart, like every
 * other recording. The exporter is called directly, so that its own result is what the test checks.
 */
class OtlpKillNineTest {

    private static final int BATCHES = 20;
    private static final int SPANS_PER_BATCH = 25;

    @TempDir
    Path dataDir;

    @Test
    void everySpanTheExporterSawAcknowledgedSurvivesKillNineAndARestart() throws Exception {
        try (var first = AgentMeterChild.startListening(dataDir)) {
            var exporter = OtlpHttpSpanExporter.builder().setTimeout(Duration.ofSeconds(30))
                    .setEndpoint("http://127.0.0.1:" + first.httpPort() + "/v1/traces").build();
            for (int batch = 0; batch < BATCHES; batch++) {
                CompletableResultCode export = exporter.export(spans(SPANS_PER_BATCH));
                assertThat(export.join(60, TimeUnit.SECONDS).isSuccess())
                        .as("batch %d acknowledged; stderr:%n%s", batch, first.stderr()).isTrue();
            }
            first.killNine(); // right after the last acknowledgment: nothing gets time to flush by luck
            exporter.shutdown();
        }

        try (var restarted = AgentMeterChild.startListening(dataDir)) {
            JsonNode metrics = restarted.getData("/api/metrics");
            assertThat(metrics.path("total_requests").asLong()).as(restarted.stderr())
                    .isEqualTo(BATCHES * SPANS_PER_BATCH);
            assertThat(restarted.getData("/api/tasks")).extracting(stats -> stats.path("count").asLong())
                    .containsExactly(100L, 100L, 100L, 100L, 100L);
            assertThat(restarted.getData("/api/agents")).extracting(agent -> agent.path("agent").asText())
                    .containsExactly("batcher");
        }
    }

    /** {@code count} ended spans of service {@code batcher}, made by the SDK. */
    private static List<SpanData> spans(int count) {
        var kept = new ArrayList<SpanData>();
        SpanExporter keeping = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                kept.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        try (var provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "batcher")))
                .addSpanProcessor(SimpleSpanProcessor.create(keeping)).build()) {
            var tracer = provider.get("kill-nine");
            for (int i = 0; i < count; i++) {
                tracer.spanBuilder("execute_tool step-" + i % 5).setAttribute("gen_ai.operation.name", "execute_tool")
                        .startSpan().end();
            }
        }
        return kept;
    }
}
