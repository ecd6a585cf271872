package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private final JsonCodec json = new JsonCodec();

    @Test
    void metricsObjectHasExactlyTheContractFieldNames() {
        try (var fixture = new OperationsFixture()) {
            fixture.metrics.record("t", Duration.ofMillis(3), true, null);
            Map<String, Object> envelope = json.asMap(fixture.operations.getPerformanceMetrics(Arguments.none()));

            assertThat(envelope).containsEntry("status", "success");
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) envelope.get("data");
            assertThat(metrics).containsOnlyKeys("total_requests", "successful_requests", "failed_requests",
                    "success_rate", "error_rate", "avg_response_time_ms", "min_response_time_ms",
                    "max_response_time_ms", "p50_response_time_ms", "p95_response_time_ms", "p99_response_time_ms",
                    "requests_per_minute", "uptime_seconds", "started_at", "last_request_at", "total_input_tokens",
                    "total_output_tokens", "total_cache_read_tokens", "total_cache_write_tokens", "total_cost_usd");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nullFieldsAreWrittenAsJsonNull() {
        try (var fixture = new OperationsFixture()) {
            String text = json.write(fixture.operations.getPerformanceMetrics(Arguments.none()));

            assertThat(text).contains("\"avg_response_time_ms\":null", "\"last_request_at\":null");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void errorEnvelopeHasStatusCodeAndMessage() {
        String text = json.write(Envelope.invalidArgument("duration must be between 0 and 5 seconds"));

        assertThat(text).isEqualTo("{\"status\":\"error\",\"error\":{\"code\":\"invalid_argument\","
                + "\"message\":\"duration must be between 0 and 5 seconds\"}}");
    }

    @Test
    void historyEntryUsesTheContractFieldNames() {
        String text = json.write(new HistoryEntryView("2026-11-24T10:00:00.000Z", "t", 1.5, false, "x", null));

        assertThat(text).isEqualTo("{\"timestamp\":\"2026-11-24T10:00:00.000Z\",\"endpoint\":\"t\","
                + "\"response_time_ms\":1.5,\"success\":false,\"error\":\"x\",\"agent\":null,\"model\":null,"
                + "\"provider\":null,\"input_tokens\":null,\"output_tokens\":null,\"cost_usd\":null,"
                + "\"trace_id\":null}");
    }

    @Test
    void historyEntryOfAModelCallUsesTheContractFieldNames() {
        String text = json.write(new HistoryEntryView("2026-11-24T10:00:00.000Z", "chat", 2.0, true, null, "a",
                "gpt-5", "openai", 1200L, 300L, 0.25, "4bf92f3577b34da6a3ce929d0e0e4736"));

        assertThat(text).isEqualTo("{\"timestamp\":\"2026-11-24T10:00:00.000Z\",\"endpoint\":\"chat\","
                + "\"response_time_ms\":2.0,\"success\":true,\"error\":null,\"agent\":\"a\",\"model\":\"gpt-5\","
                + "\"provider\":\"openai\",\"input_tokens\":1200,\"output_tokens\":300,\"cost_usd\":0.25,"
                + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}");
    }

    @Test
    void modelRowUsesTheContractFieldNames() {
        String text = json.write(new ModelStatsView("gpt-5", "openai", 3, 1, 1200, 300, null, 12.5, 40.0));

        assertThat(text).isEqualTo("{\"model\":\"gpt-5\",\"provider\":\"openai\",\"requests\":3,"
                + "\"failed_requests\":1,\"input_tokens\":1200,\"output_tokens\":300,\"cost_usd\":null,"
                + "\"p50_response_time_ms\":12.5,\"p95_response_time_ms\":40.0}");
    }

    @Test
    void aJsonObjectIsRead() {
        assertThat(json.readObject(bytes("{\"name\":\"a\",\"duration\":0.5}")))
                .isEqualTo(Checked.valid(Map.of("name", "a", "duration", 0.5)));
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        Checked<Map<String, Object>> result = json.readObject(bytes("{\"name\": }"));

        assertThat(result).isInstanceOfSatisfying(Checked.Invalid.class, invalid -> assertThat(invalid.message())
                .startsWith("the body is not valid JSON: ").contains("line 1").doesNotContain("Exception", "jackson"));
    }

    @Test
    void nonObjectsEmptyBodiesTrailingGarbageAndDeepNestingAreRefused() {
        assertThat(json.readObject(bytes("[1,2]"))).isEqualTo(Checked.invalid("expected a JSON object, got array"));
        assertThat(json.readObject(bytes(""))).isEqualTo(Checked.invalid("the body is empty; expected a JSON object"));
        assertThat(json.readObject(bytes("{} {}"))).isInstanceOf(Checked.Invalid.class);
        String deep = "{\"a\":".repeat(JsonCodec.MAX_NESTING_DEPTH + 5) + "1" + "}".repeat(JsonCodec.MAX_NESTING_DEPTH + 5);
        assertThat(json.readObject(bytes(deep))).isInstanceOfSatisfying(Checked.Invalid.class,
                invalid -> assertThat(invalid.message()).contains("nesting depth"));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThat(json.readObject(bytes("{\"name\":\"a\",\"name\":\"b\"}"))).isInstanceOfSatisfying(
                Checked.Invalid.class, invalid -> assertThat(invalid.message()).contains("Duplicate field 'name'"));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThat(json.readObject(body)).isInstanceOf(Checked.Invalid.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
