package dev.agentmeter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

class EventTasksTest {

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static TaskBatch of(LogRecord.Builder... records) {
        var scope = ScopeLogs.newBuilder();
        for (LogRecord.Builder record : records) {
            scope.addLogRecords(record);
        }
        return new EventTasks().of(ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(text("service.name", "claude-code")))
                .addScopeLogs(scope)).build());
    }

    @Test
    void anApiRequestIsAnAnthropicModelCallWhoseInputCountsTheCachedTokens() {
        TaskBatch batch = of(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
                .addAttributes(text("model", "claude-opus-4-1")).addAttributes(text("input_tokens", "5"))
                .addAttributes(text("output_tokens", "7")).addAttributes(text("cache_read_tokens", "100"))
                .addAttributes(text("cache_creation_tokens", "20")).addAttributes(text("cost_usd", "0.25"))
                .addAttributes(text("duration_ms", "1800")));

        assertThat(batch.tasks().get(0)).containsEntry("name", "chat claude-opus-4-1")
                .containsEntry("provider", "anthropic").containsEntry("input_tokens", 125L)
                .containsEntry("output_tokens", 7L).containsEntry("cache_read_tokens", 100L)
                .containsEntry("cache_write_tokens", 20L).containsEntry("cost_usd", new java.math.BigDecimal("0.25"))
                .containsEntry("duration_ms", 1800L).containsEntry("success", true)
                .containsEntry("agent", "claude-code");
        assertThat(batch.sendersWithUsage()).containsExactly("claude-code");
    }

    @Test
    void aToolResultTakesItsOutcomeFromItsSuccessAttribute() {
        TaskBatch batch = of(LogRecord.newBuilder().addAttributes(text("event.name", "tool_result"))
                .addAttributes(text("tool_name", "Bash")).addAttributes(text("success", "false"))
                .addAttributes(text("error", "exit 1")).addAttributes(text("duration_ms", "12")));

        assertThat(batch.tasks().get(0)).containsEntry("name", "execute_tool Bash").containsEntry("success", false)
                .containsEntry("error", "exit 1").doesNotContainKeys("model", "provider");
    }

    @Test
    void otherLogRecordsAreIgnoredAndCounted() {
        TaskBatch batch = of(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("claude_code.user_prompt")),
                LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("started")),
                LogRecord.newBuilder());

        assertThat(batch.tasks()).isEmpty();
        assertThat(batch.ignored()).isEqualTo(3);
    }
}
