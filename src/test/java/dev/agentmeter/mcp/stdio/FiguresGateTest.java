package dev.agentmeter.mcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/** The stdio gate that holds the requests needing figures until they exist, or refuses them when they never will. */
class FiguresGateTest {

    @Test
    void onlyRequestsThatReadOrRecordFiguresWait() {
        for (String method : List.of("initialize", "ping", "tools/list", "prompts/list", "resources/list",
                "resources/templates/list", "logging/setLevel", "server/discover")) {
            assertThat(FiguresGate.needsFigures(request(method))).as(method).isFalse();
        }
        for (String method : List.of("tools/call", "resources/read", "prompts/get", "completion/complete",
                "resources/subscribe", "resources/unsubscribe", "subscriptions/listen")) {
            assertThat(FiguresGate.needsFigures(request(method))).as(method).isTrue();
        }
        assertThat(FiguresGate.needsFigures(new JSONRPCNotification("2.0", "notifications/initialized", null)))
                .isFalse();
    }

    @Test
    void heldRequestsPassInTheirOrderOnceTheFiguresExistAndLaterOnesAtOnce() {
        var ready = new CompletableFuture<Void>();
        var gate = new FiguresGate(ready);
        var passed = new ArrayList<Integer>();
        gate.admit(() -> passed.add(1), reason -> passed.add(-1));
        gate.admit(() -> passed.add(2), reason -> passed.add(-2));
        assertThat(passed).isEmpty();
        assertThat(gate.isEmptied()).isFalse();

        ready.complete(null);
        gate.admit(() -> passed.add(3), reason -> passed.add(-3));

        assertThat(passed).containsExactly(1, 2, 3);
        assertThat(gate.isEmptied()).isTrue();
    }

    @Test
    void whenTheFiguresNeverComeEachRequestHeldAndLaterIsRefusedWithTheReason() {
        var ready = new CompletableFuture<Void>();
        var gate = new FiguresGate(ready);
        var refusals = new ArrayList<String>();
        gate.admit(() -> refusals.add("passed"), refusals::add);

        ready.completeExceptionally(new IllegalStateException("storage did not start: disk on fire"));
        gate.admit(() -> refusals.add("passed"), refusals::add);

        assertThat(refusals).containsExactly("storage did not start: disk on fire",
                "storage did not start: disk on fire");
    }

    @Test
    void aReaderThatOutrunsTheBoundWaitsAndNothingIsLostOrReordered() throws Exception {
        int requests = FiguresGate.MAX_WAITING * 4;
        var ready = new CompletableFuture<Void>();
        var gate = new FiguresGate(ready);
        var passed = new ArrayList<Integer>(); // appended to by one thread at a time: the gate passes in order
        var done = new CountDownLatch(1);
        var reader = new Thread(() -> {
            for (int i = 0; i < requests; i++) {
                int id = i;
                gate.admit(() -> {
                    synchronized (passed) {
                        passed.add(id);
                    }
                }, reason -> { });
            }
            done.countDown();
        }, "test-reader");
        reader.start();

        assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("the reader waits at the bound").isFalse();
        ready.complete(null);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);

        synchronized (passed) {
            assertThat(passed).hasSize(requests);
            for (int i = 0; i < requests; i++) {
                assertThat(passed.get(i)).isEqualTo(i);
            }
        }
    }

    private static JSONRPCRequest request(String method) {
        return new JSONRPCRequest("2.0", method, 1, null);
    }
}
