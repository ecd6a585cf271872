package dev.agentmeter.web.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class EventClientTest {

    private final FakeSink sink = new FakeSink();
    private final AtomicInteger closedCallbacks = new AtomicInteger();
    private final EventClient client = new EventClient(sink, closed -> closedCallbacks.incrementAndGet());

    @Test
    void aReadySinkGetsTheSnapshotAndAFlush() {
        sink.ready = true;

        client.offerSnapshot(frame("one"));

        assertThat(sink.written).containsExactly("one");
        assertThat(sink.flushes).isEqualTo(1);
    }

    @Test
    void aClientThatFallsBehindGetsOnlyTheLatestSnapshot() {
        sink.ready = false;
        for (int i = 0; i < 1_000; i++) {
            client.offerSnapshot(frame("snapshot " + i));
        }
        assertThat(sink.written).isEmpty();

        sink.ready = true;
        client.onWritable();

        assertThat(sink.written).containsExactly("snapshot 999");
    }

    @Test
    void aHeartbeatIsWrittenWhenNoSnapshotWaits() {
        sink.ready = true;

        client.offerPing();

        assertThat(sink.written).containsExactly(": ping\n\n");
    }

    @Test
    void aWaitingSnapshotMakesTheHeartbeatRedundant() {
        client.offerPing();
        client.offerSnapshot(frame("fresh"));

        sink.ready = true;
        client.onWritable();

        assertThat(sink.written).containsExactly("fresh");
    }

    @Test
    void aFailedWriteClosesTheClientOnce() {
        sink.ready = true;
        sink.failWrites = true;

        client.offerSnapshot(frame("lost"));
        client.onClosed();
        client.offerSnapshot(frame("after"));

        assertThat(client.isClosed()).isTrue();
        assertThat(sink.closes).isEqualTo(1);
        assertThat(closedCallbacks).hasValue(1);
    }

    @Test
    void nothingIsWrittenAfterClose() {
        client.close();
        sink.ready = true;

        client.offerSnapshot(frame("late"));
        client.onWritable();

        assertThat(sink.written).isEmpty();
    }

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
