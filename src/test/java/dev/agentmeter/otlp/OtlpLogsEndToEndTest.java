package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.SdkTelemetry.service;
import static dev.agentmeter.otlp.SdkTelemetry.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;

/**
 * Claude Code's events, as its telemetry sends them (log records with string-valued attributes), from the
 * OpenTelemetry Java SDK's OTLP/HTTP log exporter to a running server.
 */
@Timeout(60)
class OtlpLogsEndToEndTest {

    private OtlpTestServer server;
    private SdkLoggerProvider provider;
    private Logger logger;

    @BeforeEach
    void start() throws Exception {
        server = OtlpTestServer.start();
        var exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(server.base() + "/v1/logs").build();
        provider = SdkLoggerProvider.builder().setResource(service("claude-code"))
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).setScheduleDelay(Duration.ofHours(1))
                        .build()).build();
        logger = provider.get("com.anthropic.claude_code.events");
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    /** An event as Claude Code writes it: the name in the body, and again (unprefixed) in event.name. */
    private LogRecordBuilder event(String name, String... attributes) {
        LogRecordBuilder record = logger.logRecordBuilder().setBody("claude_code." + name)
                .setAttribute("event.name", name).setAttribute("session.id", "4f1c9a");
        for (int i = 0; i < attributes.length; i += 2) {
            record.setAttribute(attributes[i], attributes[i + 1]);
        }
        return record;
    }

    @Test
    void apiRequestsErrorsAndToolResultsBecomeTasksAndOtherEventsAreIgnored() {
        event("api_request", "model", "claude-sonnet-4-5", "input_tokens", "120", "output_tokens", "300",
                "cache_read_tokens", "1000", "cache_creation_tokens", "200", "cost_usd", "0.0421",
                "duration_ms", "2300").emit();
        event("api_error", "model", "claude-sonnet-4-5", "error", "Request was aborted.", "status_code", "529",
                "duration_ms", "800", "attempt", "1").emit();
        event("tool_result", "tool_name", "Bash", "success", "true", "duration_ms", "1500").emit();
        event("tool_result", "tool_name", "Read", "success", "false", "error", "file not found",
                "duration_ms", "3").emit();
        event("user_prompt", "prompt_length", "42").emit();
        logger.logRecordBuilder().setBody("GET /index.html 200").emit();
        succeeded(provider.forceFlush());

        assertThat(server.totalRequests()).isEqualTo(4);
        JsonNode history = server.data("/api/history?limit=10");
        assertThat(history).extracting(entry -> entry.path("endpoint").asText() + " " + entry.path("success")
                + " " + entry.path("response_time_ms").asDouble()).containsExactlyInAnyOrder(
                "chat claude-sonnet-4-5 true 2300.0", "chat claude-sonnet-4-5 false 800.0",
                "execute_tool Bash true 1500.0", "execute_tool Read false 3.0");
        assertThat(history).allSatisfy(entry -> assertThat(entry.path("agent").asText()).isEqualTo("claude-code"));
        assertThat(server.data("/api/errors?limit=10")).extracting(entry -> entry.path("error_message").asText())
                .containsExactlyInAnyOrder("Request was aborted.", "file not found");
        assertThat(server.prometheus())
                .contains("agentmeter_otlp_items_total{outcome=\"recorded\",signal=\"logs\"} 4.0")
                .contains("agentmeter_otlp_items_total{outcome=\"ignored\",signal=\"logs\"} 2.0");
    }

    @Test
    void theEventNameIsReadFromTheBodyOrTheEventNameWithOrWithoutPrefix() {
        logger.logRecordBuilder().setBody("claude_code.tool_result").setAttribute("tool_name", "Grep")
                .setAttribute("success", "true").setAttribute("duration_ms", "9").emit();
        logger.logRecordBuilder().setAttribute("event.name", "claude_code.tool_result").setAttribute("tool_name", "Glob")
                .setAttribute("success", "true").setAttribute("duration_ms", "4").emit();
        logger.logRecordBuilder().setEventName("tool_result").setAttribute("tool_name", "Edit")
                .setAttribute("success", "true").setAttribute("duration_ms", "6").emit();
        succeeded(provider.forceFlush());

        assertThat(server.data("/api/history?limit=10")).extracting(entry -> entry.path("endpoint").asText())
                .containsExactlyInAnyOrder("execute_tool Grep", "execute_tool Glob", "execute_tool Edit");
    }

    @Test
    void anApiRequestCarriesItsModelItsCostAndItsInputCountingTheCachedTokens() {
        event("api_request", "model", "claude-sonnet-4-5", "input_tokens", "120", "output_tokens", "300",
                "cache_read_tokens", "1000", "cache_creation_tokens", "200", "cost_usd", "0.0421",
                "duration_ms", "2300").emit();
        succeeded(provider.forceFlush());

        JsonNode metrics = server.data("/api/metrics");
        assertThat(metrics.path("total_input_tokens").asLong()).isEqualTo(1320);
        assertThat(metrics.path("total_output_tokens").asLong()).isEqualTo(300);
        assertThat(metrics.path("total_cache_read_tokens").asLong()).isEqualTo(1000);
        assertThat(metrics.path("total_cache_write_tokens").asLong()).isEqualTo(200);
        assertThat(metrics.path("total_cost_usd").asDouble()).isEqualTo(0.0421);
        JsonNode entry = server.data("/api/history?limit=1").get(0);
        assertThat(entry.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(entry.path("provider").asText()).isEqualTo("anthropic");
        assertThat(entry.path("cost_usd").asDouble()).isEqualTo(0.0421);
        JsonNode model = server.data("/api/models").get(0);
        assertThat(model.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(model.path("requests").asLong()).isEqualTo(1);
        assertThat(model.path("input_tokens").asLong()).isEqualTo(1320);
    }
}
