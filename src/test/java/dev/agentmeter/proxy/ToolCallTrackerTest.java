package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.metrics.TaskRecord;

class ToolCallTrackerTest {

    private final List<TaskRecord> recorded = new CopyOnWriteArrayList<>();
    private final ToolCallTracker tracker = new ToolCallTracker(new ObjectMapper(),
            java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), 3, recorded::add);

    @Test
    void aToolCallAndItsResultBecomeOneSuccessfulTaskTimedFromRequestToResponse() {
        client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search\"}}", 1_000_000);
        server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}}", 8_500_000);

        assertThat(recorded).singleElement().satisfies(task -> {
            assertThat(task.name()).isEqualTo("search");
            assertThat(task.durationMicros()).isEqualTo(7_500);
            assertThat(task.success()).isTrue();
            assertThat(task.error()).isNull();
        });
    }

    @Test
    void aJsonRpcErrorIsAFailureWithItsMessage() {
        client("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,\"message\":\"boom\"}}", 10);

        assertThat(recorded).singleElement().satisfies(task -> {
            assertThat(task.success()).isFalse();
            assertThat(task.error()).isEqualTo("boom");
        });
    }

    @Test
    void aResultWithIsErrorIsAFailureWithItsFirstText() {
        client("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"image\",\"data\":\"x\"},"
                + "{\"type\":\"text\",\"text\":\"disk full\"}],\"isError\":true}}", 10);

        assertThat(recorded).singleElement().satisfies(task -> {
            assertThat(task.success()).isFalse();
            assertThat(task.error()).isEqualTo("disk full");
        });
    }

    @Test
    void aLongErrorIsCutToAThousandCharacters() {
        client("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":1,\"message\":\"" + "e".repeat(5_000) + "\"}}", 10);

        assertThat(recorded).singleElement().satisfies(task -> assertThat(task.error()).hasSize(1_000));
    }

    @Test
    void aStringIdAndANumberIdWithTheSameDigitsAreDifferentCalls() {
        client("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"tools/call\",\"params\":{\"name\":\"by-string\"}}", 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}", 10);
        assertThat(recorded).isEmpty();

        server("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":{\"content\":[]}}", 10);
        assertThat(recorded).extracting(TaskRecord::name).containsExactly("by-string");
    }

    @Test
    void everyCallOfABatchIsTracked() {
        client("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"b\"}}]", 0);
        server("[{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}},{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":"
                + "{\"code\":1,\"message\":\"no\"}}]", 10);

        assertThat(recorded).extracting(TaskRecord::name, TaskRecord::success)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", true),
                        org.assertj.core.groups.Tuple.tuple("a", false));
    }

    @Test
    void theClientsNameFromInitializeIsEachTasksAgent() {
        client("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"clientInfo\":"
                + "{\"name\":\"claude-code\",\"version\":\"1\"}}}", 0);
        client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", 10);

        assertThat(recorded).singleElement().extracting(TaskRecord::agent).isEqualTo("claude-code");
    }

    @Test
    void aCallOfRevision20260728IsTaggedWithTheClientNamedInItsOwnMeta() {
        client(call20260728(1, "search", "agent-a"), 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],\"resultType\":\"complete\"}}", 10);

        assertThat(recorded).singleElement().satisfies(task -> {
            assertThat(task.name()).isEqualTo("search");
            assertThat(task.agent()).isEqualTo("agent-a");
            assertThat(task.success()).isTrue();
        });
    }

    @Test
    void eachCallKeepsTheClientOfItsOwnRequestWhateverOrderTheAnswersComeIn() {
        client("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"clientInfo\":"
                + "{\"name\":\"from-initialize\",\"version\":\"1\"}}}", 0);
        client(call20260728(1, "t", "agent-a"), 0);
        client(call20260728(2, "t", "agent-b"), 0);
        client("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", 10);
        server("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}", 10);
        server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", 10);

        assertThat(recorded).extracting(TaskRecord::agent)
                .containsExactly("from-initialize", "agent-b", "agent-a");
    }

    @Test
    void anInputRequiredResultIsNoAnswerAndOnlyTheRetriedCallIsRecorded() {
        client(call20260728(1, "deploy", "agent-a"), 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\","
                + "\"inputRequests\":{}}}", 1_000_000);
        assertThat(recorded).isEmpty();
        assertThat(tracker.pendingCount()).isZero();

        client(call20260728(2, "deploy", "agent-a"), 2_000_000);
        server("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[],\"resultType\":\"complete\"}}",
                5_000_000);

        assertThat(recorded).singleElement().satisfies(task -> {
            assertThat(task.durationMicros()).isEqualTo(3_000);
            assertThat(task.success()).isTrue();
        });
    }

    @Test
    void aCancelledCallIsAFailureAndItsLateAnswerIsIgnored() {
        client("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", 0);
        client("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}", 2_000_000);
        server("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}", 3_000_000);

        assertThat(recorded).singleElement().satisfies(task -> {
            assertThat(task.success()).isFalse();
            assertThat(task.error()).isEqualTo(ToolCallTracker.CANCELLED);
            assertThat(task.durationMicros()).isEqualTo(2_000);
        });
    }

    @Test
    void answersToOtherRequestsAndServerRequestsRecordNothing() {
        client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", 0);
        client("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", 0);
        server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}", 10);
        server("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"sampling/createMessage\",\"params\":{}}", 10);

        assertThat(recorded).isEmpty();
        assertThat(tracker.pendingCount()).isEqualTo(1);
    }

    @Test
    void malformedLinesAreIgnored() {
        client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"", 0);
        client("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", 0);
        server("{\"id\":2,\"result\":", 10);
        server("not json at all", 10);

        assertThat(recorded).isEmpty();
        assertThat(tracker.pendingCount()).isEqualTo(1);
    }

    @Test
    void beyondTheBoundTheOldestAwaitedCallIsForgotten() {
        for (int id = 1; id <= 4; id++) {
            client("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"t" + id
                    + "\"}}", 0);
        }
        server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", 10);
        server("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}", 10);

        assertThat(tracker.pendingCount()).isEqualTo(2);
        assertThat(recorded).extracting(TaskRecord::name).containsExactly("t4");
    }

    @Test
    void aToolNameIsStoredAsAValidTaskName() {
        assertThat(ToolCallTracker.taskName("a\u0000b")).isEqualTo("ab");
        assertThat(ToolCallTracker.taskName("x".repeat(150))).hasSize(100);
        assertThat(ToolCallTracker.taskName(" ")).isEqualTo(ToolCallTracker.UNNAMED_TOOL);
    }

    /** A tools/call as a 2026-07-28 client sends it: no initialize before it, its client in its own _meta. */
    private static String call20260728(int id, String tool, String clientName) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"" + clientName + "\",\"version\":\"1.0.0\"},"
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    }

    private void client(String line, long nanos) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        tracker.onClientLine(bytes, 0, bytes.length, nanos);
    }

    private void server(String line, long nanos) {
        byte[] bytes = ("padding" + line + "\n").getBytes(StandardCharsets.UTF_8);
        tracker.onServerLine(bytes, 7, bytes.length - 7, nanos);
    }
}
