package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.SdkTelemetry.service;
import static dev.agentmeter.otlp.SdkTelemetry.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.agentmeter.Settings;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.testing.TestSettings;
import dev.agentmeter.web.guard.RateLimit;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * Spans from the OpenTelemetry Java SDK's own OTLP/HTTP exporter (binary protobuf), in every dialect, to a
 * running server: which spans became tasks, with which names, durations, outcomes, agents, models, tokens
 * and costs, read back through the JSON API.
 */
@Timeout(60)
class OtlpTracesEndToEndTest {

    /** A start time with whole milliseconds, so that durations come back exact. */
    private static final long T0 = TimeUnit.MILLISECONDS.toNanos(1_767_225_600_000L);

    private OtlpTestServer server;
    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = OtlpTestServer.start();
    }

    @AfterEach
    void stopEverything() {
        providers.forEach(SdkTracerProvider::close);
        server.close();
    }

    /**
     * A tracer of service {@code service} whose ended spans wait in a batch until {@link #flush}, which exports
     * them in one request, compressed with gzip when asked.
     */
    private Tracer tracer(String service, String compression) {
        var exporter = OtlpHttpSpanExporter.builder().setEndpoint(server.base() + "/v1/traces")
                .setCompression(compression).build();
        var provider = SdkTracerProvider.builder().setResource(service(service))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofHours(1))
                        .build()).build();
        providers.add(provider);
        return provider.get("agentmeter-test");
    }

    private static Span span(Tracer tracer, String name, String... attributes) {
        SpanBuilder builder = tracer.spanBuilder(name).setStartTimestamp(T0, TimeUnit.NANOSECONDS);
        for (int i = 0; i < attributes.length; i += 2) {
            String value = attributes[i + 1];
            if (value.matches("-?\\d+")) {
                builder.setAttribute(attributes[i], Long.parseLong(value));
            } else if (value.matches("-?\\d+\\.\\d+")) {
                builder.setAttribute(attributes[i], Double.parseDouble(value));
            } else {
                builder.setAttribute(attributes[i], value);
            }
        }
        return builder.startSpan();
    }

    private static void end(Span span, long millis) {
        span.end(T0 + TimeUnit.MILLISECONDS.toNanos(millis), TimeUnit.NANOSECONDS);
    }

    private void flush() {
        providers.forEach(provider -> succeeded(provider.forceFlush()));
    }

    @Test
    void spansNamingAnOperationBecomeTasksAndOthersAreIgnored() {
        Tracer tracer = tracer("travel-agent", "none");
        end(span(tracer, "chat acme-chat-1", "gen_ai.operation.name", "chat"), 250);
        end(span(tracer, "execute_tool web_search", "gen_ai.operation.name", "execute_tool"), 40);
        end(span(tracer, "tools/call read_file", "mcp.method.name", "tools/call"), 12);
        end(span(tracer, "GET /index.html", "http.request.method", "GET"), 3);
        end(span(tracer, "SELECT orders"), 7);
        flush();

        assertThat(server.totalRequests()).isEqualTo(3);
        JsonNode history = server.data("/api/history?limit=10");
        assertThat(history).extracting(entry -> entry.path("endpoint").asText())
                .containsExactlyInAnyOrder("chat acme-chat-1", "execute_tool web_search", "tools/call read_file");
        assertThat(history).extracting(entry -> entry.path("response_time_ms").asDouble())
                .containsExactlyInAnyOrder(250.0, 40.0, 12.0);
        assertThat(history).allSatisfy(entry -> assertThat(entry.path("agent").asText()).isEqualTo("travel-agent"));
        assertThat(server.prometheus())
                .contains("agentmeter_otlp_items_total{outcome=\"recorded\",signal=\"traces\"} 3.0")
                .contains("agentmeter_otlp_items_total{outcome=\"ignored\",signal=\"traces\"} 2.0");
    }

    @Test
    void aFailedSpanIsAFailedTaskWithItsStatusMessageElseItsErrorType() {
        Tracer tracer = tracer("travel-agent", "none");
        Span withMessage = span(tracer, "tools/call read_file", "mcp.method.name", "tools/call");
        withMessage.setStatus(StatusCode.ERROR, "file not found");
        end(withMessage, 5);
        end(span(tracer, "execute_tool web_search", "gen_ai.operation.name", "execute_tool",
                "error.type", "timeout"), 30_000);
        end(span(tracer, "invoke_agent planner", "gen_ai.operation.name", "invoke_agent"), 900);
        flush();

        JsonNode metrics = server.data("/api/metrics");
        assertThat(metrics.path("total_requests").asLong()).isEqualTo(3);
        assertThat(metrics.path("failed_requests").asLong()).isEqualTo(2);
        assertThat(server.data("/api/errors?limit=10")).extracting(entry -> entry.path("error_message").asText())
                .containsExactlyInAnyOrder("file not found", "timeout");
    }

    @Test
    void theAgentIsTheGenAiAgentNameElseTheServiceName() {
        end(span(tracer("travel-agent", "none"), "invoke_agent planner", "gen_ai.operation.name", "invoke_agent",
                "gen_ai.agent.name", "planner"), 10);
        end(span(tracer("booking-service", "none"), "invoke_agent", "gen_ai.operation.name", "invoke_agent"), 10);
        flush();

        assertThat(server.data("/api/agents")).extracting(agent -> agent.path("agent").asText())
                .containsExactlyInAnyOrder("planner", "booking-service");
    }

    @Test
    void gzipCompressedExportsAreTakenLikePlainOnes() {
        Tracer tracer = tracer("travel-agent", "gzip");
        for (int i = 0; i < 20; i++) {
            end(span(tracer, "execute_tool step-" + i % 4, "gen_ai.operation.name", "execute_tool"), i);
        }
        flush();

        assertThat(server.totalRequests()).isEqualTo(20);
        assertThat(server.data("/api/tasks")).hasSize(4);
    }

    @Test
    void aChunkedBodyIsTakenLikeOneWithALength() {
        var spans = CapturedTelemetry.spans(service("travel-agent"), tracer -> tracer.spanBuilder("execute_tool x")
                .setAttribute("gen_ai.operation.name", "execute_tool").startSpan().end());
        byte[] body = CapturedTelemetry.protobuf(spans);
        var chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        var response = server.send(server.request("/v1/traces").header("Content-Type", "application/x-protobuf")
                .POST(chunked).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void overTheRateLimitTheExporterIsToldToRetryLater() throws Exception {
        try (var limited = OtlpTestServer.start(TestSettings.builder().rateLimit(RateLimit.parse("1/m")).build())) {
            byte[] empty = new byte[0];
            assertThat(limited.post("/v1/traces", "application/x-protobuf", empty, Map.of()).statusCode())
                    .isEqualTo(200);

            var refused = limited.post("/v1/traces", "application/x-protobuf", empty, Map.of());

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Long.parseLong(seconds)).isPositive());
        }
    }

    @Test
    void modelCallsCarryTheirModelTokensAndCostInEveryDialect() {
        Tracer tracer = tracer("travel-agent", "none");
        // Current GenAI semantic conventions: input counts the cached tokens already.
        Span semconv = span(tracer, "chat acme-chat-1", "gen_ai.operation.name", "chat",
                "gen_ai.request.model", "acme-chat-1", "gen_ai.response.model", "acme-chat-1-0613",
                "gen_ai.provider.name", "acme", "gen_ai.usage.input_tokens", "1200",
                "gen_ai.usage.output_tokens", "300", "gen_ai.usage.cache_read.input_tokens", "1000",
                "gen_ai.usage.cache_creation.input_tokens", "100");
        end(semconv, 250);
        // The older attributes, with a cost reported by the instrumentation.
        end(span(tracer, "text_completion acme-text-2", "gen_ai.operation.name", "text_completion",
                "gen_ai.request.model", "acme-text-2", "gen_ai.system", "openai",
                "gen_ai.usage.prompt_tokens", "50", "gen_ai.usage.completion_tokens", "20",
                "gen_ai.usage.cost", "0.0125"), 80);
        // OpenInference: its span kind marks the model call.
        end(span(tracer, "ChatCompletion", "openinference.span.kind", "LLM", "llm.model_name", "acme-oi-3",
                "llm.provider", "acme", "llm.token_count.prompt", "400", "llm.token_count.completion", "100",
                "llm.token_count.prompt_details.cache_read", "300", "llm.cost.total", "0.02"), 120);
        // An agent span repeating its children's usage: a task, but its usage is not counted again.
        end(span(tracer, "invoke_agent planner", "gen_ai.operation.name", "invoke_agent",
                "gen_ai.request.model", "acme-chat-1", "gen_ai.usage.input_tokens", "1650",
                "gen_ai.usage.output_tokens", "420", "gen_ai.usage.cost", "9.99"), 500);
        flush();

        JsonNode metrics = server.data("/api/metrics");
        assertThat(metrics.path("total_requests").asLong()).isEqualTo(4);
        assertThat(metrics.path("total_input_tokens").asLong()).isEqualTo(1650);
        assertThat(metrics.path("total_output_tokens").asLong()).isEqualTo(420);
        assertThat(metrics.path("total_cache_read_tokens").asLong()).isEqualTo(1300);
        assertThat(metrics.path("total_cache_write_tokens").asLong()).isEqualTo(100);
        assertThat(metrics.path("total_cost_usd").asDouble()).isEqualTo(0.0325);

        JsonNode chat = entry(server.data("/api/history?limit=10"), "chat acme-chat-1");
        assertThat(chat.path("model").asText()).isEqualTo("acme-chat-1-0613");
        assertThat(chat.path("provider").asText()).isEqualTo("acme");
        assertThat(chat.path("input_tokens").asLong()).isEqualTo(1200);
        assertThat(chat.path("output_tokens").asLong()).isEqualTo(300);
        assertThat(chat.path("trace_id").asText()).isEqualTo(semconv.getSpanContext().getTraceId());
        JsonNode agent = entry(server.data("/api/history?limit=10"), "invoke_agent planner");
        assertThat(agent.path("model").isNull()).isTrue();
        assertThat(agent.path("input_tokens").isNull()).isTrue();
        assertThat(agent.path("cost_usd").isNull()).isTrue();
        assertThat(server.data("/api/models")).extracting(model -> model.path("model").asText())
                .containsExactlyInAnyOrder("acme-chat-1-0613", "acme-text-2", "acme-oi-3");
    }

    private static JsonNode entry(JsonNode history, String endpoint) {
        for (JsonNode entry : history) {
            if (entry.path("endpoint").asText().equals(endpoint)) {
                return entry;
            }
        }
        throw new AssertionError("no history entry " + endpoint + " in " + history);
    }
}
