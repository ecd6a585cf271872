package dev.agentmeter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * The durability promise for OTLP: a span the exporter saw acknowledged (200) is stored, so it survives kill -9
 * of the real process and a restart, like every other recording.
 */
class OtlpKillNineTest {

    private static final int BATCHES = 20;
    private static final int SPANS_PER_BATCH = 25;

    @TempDir
    Path dataDir;

    @Test
    void everySpanTheExporterSawAcknowledgedSurvivesKillNineAndARestart() throws Exception {
        try (var first = AgentMeterChild.start(dataDir)) {
            var exporter = OtlpHttpSpanExporter.builder()
                    .setEndpoint("http://127.0.0.1:" + first.port() + "/v1/traces").build();
            try (var provider = SdkTracerProvider.builder()
                    .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "batcher")))
                    .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofHours(1))
                            .build()).build()) {
                var tracer = provider.get("kill-nine");
                for (int batch = 0; batch < BATCHES; batch++) {
                    for (int i = 0; i < SPANS_PER_BATCH; i++) {
                        tracer.spanBuilder("execute_tool step-" + i % 5)
                                .setAttribute("gen_ai.operation.name", "execute_tool").startSpan().end();
                    }
                    assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                            .as("batch %d acknowledged; stderr:%n%s", batch, first.stderr()).isTrue();
                }
                first.killNine(); // right after the last acknowledgment: nothing gets time to flush by luck
            }
        }

        try (var restarted = AgentMeterChild.start(dataDir)) {
            JsonNode metrics = restarted.getData("/api/metrics");
            assertThat(metrics.path("total_requests").asLong()).as(restarted.stderr())
                    .isEqualTo(BATCHES * SPANS_PER_BATCH);
            assertThat(restarted.getData("/api/tasks")).extracting(stats -> stats.path("count").asLong())
                    .containsExactly(100L, 100L, 100L, 100L, 100L);
            assertThat(restarted.getData("/api/agents")).extracting(agent -> agent.path("agent").asText())
                    .containsExactly("batcher");
        }
    }
}
