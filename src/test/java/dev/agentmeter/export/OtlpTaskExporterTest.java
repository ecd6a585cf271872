package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.OtlpReceiver;
import dev.agentmeter.testing.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/** What leaves for an OTLP receiver, exactly, read back with the published protobuf bindings. */
@Timeout(60)
class OtlpTaskExporterTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant FINISHED = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private OtlpTaskExporter exporter;

    @AfterEach
    void close() {
        if (exporter != null) {
            exporter.close(Duration.ofMillis(200));
        }
    }

    /** Small waits, so that retries happen while a test watches. */
    static OtlpExportOptions quick(int capacity, int maxBatch, Duration scheduleDelay) {
        return new OtlpExportOptions(capacity, maxBatch, scheduleDelay, Duration.ofSeconds(5), Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(200));
    }

    private OtlpTaskExporter start(URI base, TaskOrigin origin, OtlpExportOptions options) {
        exporter = OtlpTaskExporter.start(OtlpDestination.forBaseUrl("test", base.toString()), origin, "9.9.9",
                options);
        return exporter;
    }

    @Test
    void aModelCallLeavesAsAChatSpanWithItsModelTokensCostAndTrace() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 512, Duration.ofMillis(20)));
            exporter.offer(new TaskRecord("plan the trip", 1_500_000, true, null, FINISHED, "planner",
                    new ModelCall("claude-sonnet-4", "anthropic", 1_200L, 300L, 1_000L, 100L, 4_500_000L), TRACE_ID));

            await().atMost(WAIT).until(() -> receiver.acceptedSpans().size() == 1);

            assertThat(receiver.formatProblems()).isEmpty();
            ReceivedSpan span = receiver.acceptedSpans().get(0);
            assertThat(span.name()).isEqualTo("plan the trip");
            assertThat(span.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(span.attributeKeys()).containsExactlyInAnyOrder("gen_ai.operation.name",
                    "gen_ai.request.model", "gen_ai.response.model", "gen_ai.provider.name",
                    "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
                    "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_creation.input_tokens",
                    "gen_ai.usage.cost", "gen_ai.agent.name");
            assertThat(span.attribute("gen_ai.operation.name")).contains("chat");
            assertThat(span.attribute("gen_ai.request.model")).contains("claude-sonnet-4");
            assertThat(span.attribute("gen_ai.response.model")).contains("claude-sonnet-4");
            assertThat(span.attribute("gen_ai.provider.name")).contains("anthropic");
            assertThat(span.attribute("gen_ai.usage.input_tokens")).contains(1_200L);
            assertThat(span.attribute("gen_ai.usage.output_tokens")).contains(300L);
            assertThat(span.attribute("gen_ai.usage.cache_read.input_tokens")).contains(1_000L);
            assertThat(span.attribute("gen_ai.usage.cache_creation.input_tokens")).contains(100L);
            assertThat(span.attribute("gen_ai.usage.cost")).contains(0.0045);
            assertThat(span.attribute("gen_ai.agent.name")).contains("planner");
            assertThat(span.traceId()).isEqualTo(TRACE_ID);
            assertThat(span.span().getParentSpanId().isEmpty()).isTrue();
            assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
            assertThat(span.span().getEndTimeUnixNano()).isEqualTo(1_772_366_400_123_456_000L);
            assertThat(span.durationNanos()).isEqualTo(1_500_000_000L);
        }
    }

    @Test
    void aFailedToolTaskLeavesAsAnExecuteToolSpanWithErrorStatusAndANewTrace() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 512, Duration.ofMillis(20)));
            exporter.offer(new TaskRecord("search", 12_345, false, "disk full", FINISHED, null));

            await().atMost(WAIT).until(() -> receiver.acceptedSpans().size() == 1);

            ReceivedSpan span = receiver.acceptedSpans().get(0);
            assertThat(span.name()).isEqualTo("search");
            assertThat(span.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
            assertThat(span.attributeKeys()).containsExactlyInAnyOrder("gen_ai.operation.name", "gen_ai.tool.name",
                    "error.type");
            assertThat(span.attribute("gen_ai.operation.name")).contains("execute_tool");
            assertThat(span.attribute("gen_ai.tool.name")).contains("search");
            assertThat(span.attribute("error.type")).contains("_OTHER");
            assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(span.span().getStatus().getMessage()).isEqualTo("disk full");
            assertThat(span.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            assertThat(span.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
            assertThat(span.durationNanos()).isEqualTo(12_345_000L);
        }
    }

    @Test
    void everySpanNamesAgentMeterAsItsServiceAndScope() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 512, Duration.ofMillis(20)));
            exporter.offer(task("a"));
            exporter.offer(task("b"));

            await().atMost(WAIT).until(() -> receiver.acceptedSpans().size() == 2);

            assertThat(receiver.acceptedSpans()).allSatisfy(span -> {
                assertThat(span.resourceAttribute("service.name")).contains("agentmeter");
                assertThat(span.resourceAttribute("service.version")).contains("9.9.9");
                assertThat(span.resourceAttribute("service.instance.id")).isPresent();
                assertThat(span.scopeName()).isEqualTo("dev.agentmeter");
            });
            // Two tasks without a trace: two traces, two spans.
            assertThat(receiver.acceptedSpans()).extracting(ReceivedSpan::traceId).doesNotHaveDuplicates();
            assertThat(receiver.acceptedSpans()).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
        }
    }

    @Test
    void aToolCallThroughTheProxyIsAnMcpToolsCallSpan() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            start(receiver.url(), TaskOrigin.MCP_PROXY, quick(100, 512, Duration.ofMillis(20)));
            exporter.offer(new TaskRecord("read_file", 2_000, true, null, FINISHED, "claude-code"));

            await().atMost(WAIT).until(() -> receiver.acceptedSpans().size() == 1);

            ReceivedSpan span = receiver.acceptedSpans().get(0);
            assertThat(span.name()).isEqualTo("read_file");
            assertThat(span.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(span.attribute("mcp.method.name")).contains("tools/call");
            assertThat(span.attribute("gen_ai.operation.name")).contains("execute_tool");
            assertThat(span.attribute("gen_ai.tool.name")).contains("read_file");
            assertThat(span.attribute("gen_ai.agent.name")).contains("claude-code");
        }
    }

    @Test
    void theDestinationsHeadersGoWithEveryRequest() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            exporter = OtlpTaskExporter.start(OtlpDestination.forBaseUrl("test", receiver.url().toString())
                            .withHeader("Authorization", "Bearer s3cret"), TaskOrigin.RECORDED, "9.9.9",
                    quick(100, 512, Duration.ofMillis(20)));
            exporter.offer(task("a"));

            await().atMost(WAIT).until(() -> receiver.requests().size() == 1);

            assertThat(receiver.requests().get(0).authorization()).isEqualTo("Bearer s3cret");
        }
    }

    @Test
    void aReceiverAnswering503TwiceThen200GetsEverySpanOnce() throws Exception {
        try (var receiver = OtlpReceiver.answering(503, 503)) {
            // A batch of exactly three: the third task wakes the worker, the schedule never does.
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 3, Duration.ofSeconds(30)));
            exporter.offer(task("a"));
            exporter.offer(task("b"));
            exporter.offer(task("c"));

            await().atMost(WAIT).until(() -> exporter.view().exportedSpans() == 3);

            assertThat(receiver.requests()).extracting(OtlpReceiver.Request::status).containsExactly(503, 503, 200);
            assertThat(receiver.acceptedSpans()).extracting(ReceivedSpan::name).containsExactly("a", "b", "c");
            // The same spans each time, not new ones: a receiver that took a batch it answered late has no doubles.
            List<List<String>> spanIds = receiver.requests().stream()
                    .map(request -> request.spans().stream().map(ReceivedSpan::spanId).toList()).toList();
            assertThat(spanIds).containsOnly(spanIds.get(0));
            assertThat(exporter.view().refusedSpans()).isZero();
            assertThat(exporter.view().droppedSpans()).isZero();
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedUntilItComesUp() throws Exception {
        int port = freePort();
        start(URI.create("http://127.0.0.1:" + port), TaskOrigin.RECORDED, quick(100, 512, Duration.ofMillis(20)));
        exporter.offer(task("waited"));
        await().atMost(WAIT).until(() -> exporter.view().failing() && exporter.view().inFlightSpans() == 1);

        try (var receiver = OtlpReceiver.answeringOn(port)) {
            await().atMost(WAIT).until(() -> receiver.acceptedSpans().size() == 1);

            assertThat(receiver.acceptedSpans().get(0).name()).isEqualTo("waited");
            await().atMost(WAIT).until(() -> !exporter.view().failing());
            assertThat(exporter.view().exportedSpans()).isEqualTo(1);
            assertThat(exporter.view().droppedSpans()).isZero();
        }
    }

    @Test
    void aBatchRefusedWith400IsDroppedAndCountedNotRetried() throws Exception {
        try (var receiver = OtlpReceiver.answering(400)) {
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 512, Duration.ofMillis(20)));
            exporter.offer(task("refused"));
            await().atMost(WAIT).until(() -> exporter.view().refusedSpans() == 1);

            exporter.offer(task("next"));
            await().atMost(WAIT).until(() -> exporter.view().exportedSpans() == 1);

            assertThat(receiver.receivedSpans()).extracting(ReceivedSpan::name).containsExactly("refused", "next");
            assertThat(exporter.view().failing()).isFalse();
        }
    }

    @Test
    void closingSendsWhatIsQueued() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 20, Duration.ofSeconds(30)));
            for (int i = 0; i < 50; i++) {
                exporter.offer(task("t" + i));
            }
            exporter.close(Duration.ofSeconds(10));

            assertThat(receiver.acceptedSpans()).hasSize(50);
            assertThat(exporter.view().exportedSpans()).isEqualTo(50);
        }
    }

    @Test
    void aTaskFoldedInFromAnotherInstanceIsNotExportedAgain() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 512, Duration.ofSeconds(30)));
            exporter.onMetricsEvent(new MetricsEvent.TaskRecorded(task("another instance's"), true));
            exporter.onMetricsEvent(new MetricsEvent.TaskRecorded(task("this instance's")));
            exporter.close(Duration.ofSeconds(10));

            assertThat(receiver.acceptedSpans()).extracting(ReceivedSpan::name).containsExactly("this instance's");
            assertThat(exporter.view().exportedSpans()).isEqualTo(1);
        }
    }

    @Test
    void closingGivesUpWithinItsBoundWhenTheReceiverHangs() throws Exception {
        try (var receiver = OtlpReceiver.holding()) {
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 512, Duration.ofMillis(20)));
            exporter.offer(task("stuck"));
            await().atMost(WAIT).until(() -> receiver.requests().size() == 1);

            long start = System.nanoTime();
            exporter.close(Duration.ofMillis(300));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(exporter.view().exportedSpans()).isZero();
        }
    }

    @Test
    void aTaskOfferedAfterCloseIsDroppedAndCounted() throws Exception {
        try (var receiver = OtlpReceiver.answering()) {
            start(receiver.url(), TaskOrigin.RECORDED, quick(100, 512, Duration.ofMillis(20)));
            exporter.close(Duration.ofSeconds(1));

            exporter.offer(task("late"));

            assertThat(exporter.view().droppedSpans()).isEqualTo(1);
            assertThat(exporter.view().queuedSpans()).isZero();
        }
    }

    static TaskRecord task(String name) {
        return new TaskRecord(name, 1_000, true, null, FINISHED, null);
    }

    static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
