package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.SdkTelemetry.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.UnknownFieldSet;

import dev.agentmeter.testing.TestSettings;

/** When storage cannot take a request's tasks now, the exporter is told to retry later, and nothing is recorded. */
@Timeout(60)
class OtlpOverloadTest {

    @TempDir
    Path dataDir;

    @Test
    void spansStorageCannotTakeNowAreA503WithRetryAfterAndNothingIsRecorded() throws Exception {
        var spans = CapturedTelemetry.spans(service("travel-agent"), tracer -> {
            for (int i = 0; i < 50; i++) {
                tracer.spanBuilder("execute_tool x").setAttribute("gen_ai.operation.name", "execute_tool").startSpan()
                        .end();
            }
        });
        try (var server = OtlpTestServer.start(TestSettings.builder().storage(dataDir, null).storageQueue(10).build())) {
            var answer = server.post("/v1/traces", "application/x-protobuf", CapturedTelemetry.protobuf(spans),
                    Map.of());

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
            assertThat(UnknownFieldSet.parseFrom(answer.body()).getField(1).getVarintList())
                    .containsExactly((long) RpcStatus.UNAVAILABLE);
            assertThat(server.totalRequests()).isZero();
            assertThat(server.send(server.request("/health").GET().build()).statusCode()).isEqualTo(200);
        }
    }
}
