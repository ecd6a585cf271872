package dev.agentmeter.mcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.agentmeter.mcp.McpOperationObserver;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;

/** Timing the stdio session's requests: matched by id, labelled, bounded, exact under concurrent answers. */
class StdioOperationsTest {

    private record Seen(String method, String tool, String version, String errorType, long nanos) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final StdioOperations operations = new StdioOperations(
            (method, tool, version, errorType, nanos) -> seen.add(new Seen(method, tool, version, errorType, nanos)),
            now::get);

    @Test
    void eachAnswerIsTimedFromItsRequestWithTheVersionInitializeSettledOn() {
        operations.started(new JSONRPCRequest("2.0", "initialize", 1, Map.of("protocolVersion", "2099-01-01")));
        now.set(2_000);
        operations.answered(new JSONRPCResponse("2.0", 1, new McpSchema.InitializeResult("2025-06-18",
                McpSchema.ServerCapabilities.builder().build(), new McpSchema.Implementation("a", "1"), null), null));
        operations.started(new JSONRPCRequest("2.0", "tools/call", 2, Map.of("name", "get_alerts")));
        operations.started(new JSONRPCRequest("2.0", "tools/call", "x", Map.of("name", "nope")));
        now.set(5_000);
        operations.answered(new JSONRPCResponse("2.0", "x", null,
                new JSONRPCResponse.JSONRPCError(-32602, "unknown tool")));
        operations.answered(new JSONRPCResponse("2.0", 2, CallToolResult.builder().isError(true).build(), null));

        assertThat(seen).containsExactly(
                new Seen("initialize", null, "2025-06-18", null, 2_000),
                new Seen("tools/call", "nope", "2025-06-18", "-32602", 3_000),
                new Seen("tools/call", "get_alerts", "2025-06-18", McpOperationObserver.TOOL_ERROR, 3_000));
    }

    @Test
    void anAnswerToNoAwaitedRequestIsNotCounted() {
        operations.answered(new JSONRPCResponse("2.0", 9, Map.of(), null));

        assertThat(seen).isEmpty();
    }

    @Test
    void aRefusalIsCountedWithTheCodeOfOurAnswer() {
        operations.refused(new JSONRPCRequest("2.0", "resources/subscribe", 4, Map.of("uri", "x")),
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32002,\"message\":\"Resource not found\"}}");

        assertThat(seen).extracting(Seen::method, Seen::errorType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("resources/subscribe", "-32002"));
    }

    @Test
    void beyondTheBoundTheOldestAwaitedRequestIsForgotten() {
        for (int id = 0; id <= StdioOperations.MAX_PENDING; id++) {
            operations.started(new JSONRPCRequest("2.0", "ping", id, null));
        }
        operations.answered(new JSONRPCResponse("2.0", 0, Map.of(), null));
        operations.answered(new JSONRPCResponse("2.0", StdioOperations.MAX_PENDING, Map.of(), null));

        assertThat(seen).hasSize(1);
    }

    @Test
    void everyAnswerIsCountedOnceUnderEightConcurrentAnsweringThreads() throws Exception {
        int threads = 8;
        int perThread = 100; // 800 awaited at once, within the bound
        for (int id = 0; id < threads * perThread; id++) {
            operations.started(new JSONRPCRequest("2.0", "tools/list", id, null));
        }
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var done = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int id = first; id < first + perThread; id++) {
                        operations.answered(new JSONRPCResponse("2.0", id, Map.of(), null));
                        operations.answered(new JSONRPCResponse("2.0", id, Map.of(), null)); // a duplicate: ignored
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(seen).hasSize(threads * perThread);
    }
}
