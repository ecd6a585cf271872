package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wait for a first connection on a bound port, before anything serves it. */
@Timeout(30)
class FirstConnectionTest {

    private static final AtomicInteger WATCHES = new AtomicInteger();

    private ServerSocketChannel listening;
    private final String threadName = "first-connection-test-" + WATCHES.incrementAndGet();

    @BeforeEach
    void bind() throws IOException {
        listening = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void close() throws IOException {
        listening.close();
    }

    @Test
    void theActionRunsOnceAtTheFirstConnectionAndThatConnectionIsStillThereToAccept() throws Exception {
        var accepted = new CopyOnWriteArrayList<SocketChannel>();
        var runs = new AtomicInteger();
        try (var watch = FirstConnection.watch(listening, () -> {
            runs.incrementAndGet();
            try {
                // Blocking again, and out of the selector: a server can accept as it always does.
                accepted.add(listening.accept());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threadName); var client = new Socket("127.0.0.1", port())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 1);
            assertThat(accepted.get(0).getRemoteAddress()).isEqualTo(client.getLocalSocketAddress());
            assertThat(listening.isBlocking()).isTrue();
            assertThat(listening.isRegistered()).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> !threadAlive());
            assertThat(runs).hasValue(1);
            accepted.get(0).close();
        }
    }

    @Test
    void afterCloseNoConnectionRunsTheActionAndTheWaitingThreadEnds() throws Exception {
        var runs = new AtomicInteger();
        var watch = FirstConnection.watch(listening, runs::incrementAndGet, threadName);
        await().atMost(Duration.ofSeconds(5)).until(this::threadAlive);

        watch.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !threadAlive());
        try (var client = new Socket("127.0.0.1", port())) {
            // The port is its owner's to close: still bound, and nothing runs for the connection.
            assertThat(client.isConnected()).isTrue();
        }
        assertThat(runs).hasValue(0);
    }

    private int port() throws IOException {
        return ((InetSocketAddress) listening.getLocalAddress()).getPort();
    }

    private boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(threadName));
    }
}
