package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.AgentMeterChild;
import dev.agentmeter.testing.ApiClient;
import dev.agentmeter.testing.ChildCommand;
import dev.agentmeter.testing.OtlpReceiver;
import dev.agentmeter.testing.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Status;

/** How the proxy ends: with its child, with its client, and never because of the central server. */
class ProxyLifecycleTest {

    @Test
    void theChildCrashingEndsTheProxyWithTheChildsExitCode() throws Exception {
        try (var proxy = AgentMeterChild.startProxy()) {
            proxy.initialize("2025-06-18", "lifecycle-client");
            proxy.sendToolCall("crash", "{}");

            assertThat(proxy.awaitExit()).isEqualTo(DownstreamTestServer.CRASH_EXIT_CODE);
        }
    }

    @Test
    void theClientDisconnectingStopsTheChildAndTheProxyExitsZero() throws Exception {
        try (var proxy = AgentMeterChild.startProxy()) {
            proxy.initialize("2025-06-18", "lifecycle-client");
            ProcessHandle child = proxy.downstream();

            proxy.closeStdin();

            assertThat(proxy.awaitExit()).isZero();
            await().atMost(AgentMeterChild.WAIT).until(() -> !child.isAlive());
        }
    }

    @Test
    void aCallTheClientCancelsIsRecordedAsCancelledAndItsSessionGoesOn() throws Exception {
        try (var proxy = AgentMeterChild.startProxy()) {
            proxy.initialize("2025-06-18", "lifecycle-client");
            proxy.send("{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"method\":\"tools/call\",\"params\":{\"name\":\"slow\","
                    + "\"arguments\":{\"millis\":1000}}}");
            proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"c1\","
                    + "\"reason\":\"user\"}}");
            ApiClient api = proxy.api();

            await().atMost(AgentMeterChild.WAIT).until(() -> api.history().size() == 1);
            var task = api.history().get(0);
            assertThat(task.path("endpoint").asText()).isEqualTo("slow");
            assertThat(task.path("success").asBoolean()).isFalse();
            assertThat(task.path("error").asText()).isEqualTo("cancelled");
            // Whatever the server does with the cancelled call, the session goes on.
            assertThat(proxy.callTool("fast", "{\"text\":\"after\"}").path("result").path("content").get(0)
                    .path("text").asText()).isEqualTo("echo: after");
        }
    }

    @Test
    void aBadReportUrlIsRefusedBeforeAnythingStarts() throws Exception {
        try (var proxy = AgentMeterChild.startProxy("--report-to", "ftp://example")) {
            assertThat(proxy.awaitExit()).isEqualTo(2);
            assertThat(proxy.stderr()).contains("--report-to must be an http:// or https:// URL");
        }
    }

    @Test
    void aCommandThatCannotStartIsReportedAndTheProxyExitsOne() throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(ChildCommand.java());
        command.addAll(ChildCommand.proxy(java.util.List.of("/nonexistent/mcp-server", "--flag")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(process.waitFor()).isEqualTo(1);
            assertThat(output).contains("agentmeter proxy: cannot start /nonexistent/mcp-server");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void withTheCentralServerDownToolCallsStillAnswer() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var proxy = AgentMeterChild.startProxy("--report-to", "http://127.0.0.1:" + closedPort)) {
            proxy.initialize("2025-06-18", "lifecycle-client");
            for (int i = 0; i < 20; i++) {
                assertThat(proxy.callTool("fast", "{\"text\":\"t" + i + "\"}").path("result").path("content")
                        .get(0).path("text").asText()).isEqualTo("echo: t" + i);
            }
        }
    }

    @Test
    void aCentralServerThatDoesNotAnswerDoesNotHoldUpToolCalls() throws Exception {
        try (var central = OtlpReceiver.holding();
             var proxy = AgentMeterChild.startProxy("--report-to", central.url().toString())) {
            proxy.initialize("2025-06-18", "lifecycle-client");
            proxy.callTool("fast", "{\"text\":\"first\"}");
            await().atMost(AgentMeterChild.WAIT).until(() -> central.requests().size() == 1);

            for (int i = 0; i < 20; i++) {
                assertThat(proxy.callTool("fast", "{\"text\":\"t" + i + "\"}").has("result")).isTrue();
            }
            // Every answer came while the central server still held the first export unanswered.
            assertThat(central.requests()).hasSize(1);
        }
    }

    @Test
    void eachToolCallArrivesAsAnMcpSpanWithTheClientAsAgentAndItsError() throws Exception {
        try (var central = OtlpReceiver.answering();
             var proxy = AgentMeterChild.startProxy("--report-to", central.url().toString(), "--report-token", "t0ken")) {
            proxy.initialize("2025-06-18", "reporting-client");
            proxy.callTool("fast", "{\"text\":\"x\"}");
            proxy.callTool("slow", "{\"millis\":150}");
            proxy.callTool("is_error", "{}");

            await().atMost(AgentMeterChild.WAIT).until(() -> central.acceptedSpans().size() == 3);

            assertThat(central.formatProblems()).isEmpty();
            assertThat(central.requests()).allSatisfy(request ->
                    assertThat(request.authorization()).isEqualTo("Bearer t0ken"));
            List<ReceivedSpan> spans = central.acceptedSpans();
            assertThat(spans).extracting(ReceivedSpan::name).containsExactly("fast", "slow", "is_error");
            assertThat(spans).allSatisfy(span -> {
                assertThat(span.attribute("mcp.method.name")).contains("tools/call");
                assertThat(span.attribute("gen_ai.operation.name")).contains("execute_tool");
                assertThat(span.attribute("gen_ai.tool.name")).contains(span.name());
                assertThat(span.attribute("gen_ai.agent.name")).contains("reporting-client");
                assertThat(span.resourceAttribute("service.name")).contains("agentmeter");
            });
            assertThat(spans).extracting(span -> span.span().getStatus().getCode()).containsExactly(
                    Status.StatusCode.STATUS_CODE_UNSET, Status.StatusCode.STATUS_CODE_UNSET,
                    Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(spans.get(2).span().getStatus().getMessage()).isEqualTo("the is_error tool reports a failure");
            assertThat(spans.get(2).attribute("error.type")).contains("_OTHER");
            assertThat(spans.get(0).attribute("error.type")).isEmpty();
            assertThat(spans.get(1).durationNanos()).isGreaterThanOrEqualTo(150_000_000L);
            // The proxy's own dashboard says how its export goes.
            ApiClient api = proxy.api();
            await().atMost(AgentMeterChild.WAIT).until(() ->
                    api.serverStatus().path("otlp_export").path("exported_spans").asLong() == 3);
            assertThat(api.serverStatus().path("otlp_export").path("endpoint").asText())
                    .isEqualTo(central.url() + "/v1/traces");
        }
    }
}
