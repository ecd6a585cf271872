package dev.agentmeter.web;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;

/**
 * Runs an action once, when the first connection is pending on a bound listening socket, without accepting it:
 * the port is bound (and announced) at once, while what serves it starts only when someone first connects, and
 * then accepts that connection as any other. One daemon thread waits in a {@link Selector} until then.
 *
 * <p>Hand-written: Jetty has no start on demand of its own (a {@code ServerConnector} binds when it starts, and
 * starting it is what this puts off), and a selector on the listening socket is the JDK's way to learn of a
 * pending connection without taking it.
 *
 * <p>Thread-safe: {@link #close} may come from any thread, before, during or after the arrival.
 */
final class FirstConnection implements AutoCloseable {

    private final ServerSocketChannel listening;
    private final Selector selector;
    private final Runnable onArrival;
    // Written by close (any thread), read by the waiting thread: no action once it is set.
    private volatile boolean closed;

    private FirstConnection(ServerSocketChannel listening, Selector selector, Runnable onArrival) {
        this.listening = listening;
        this.selector = selector;
        this.onArrival = onArrival;
    }

    /**
     * Waits on a daemon thread named {@code threadName} for the first connection on {@code listening} (bound,
     * blocking or not), then puts it back in blocking mode, out of the selector, and runs {@code onArrival} on
     * that thread. If the waiting itself fails, the action runs at once: the server had better start early than
     * never.
     */
    static FirstConnection watch(ServerSocketChannel listening, Runnable onArrival, String threadName)
            throws IOException {
        Selector selector = Selector.open();
        try {
            listening.configureBlocking(false);
            listening.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        var watch = new FirstConnection(listening, selector, onArrival);
        var waiter = new Thread(watch::awaitArrival, threadName);
        waiter.setDaemon(true);
        waiter.start();
        return watch;
    }

    private void awaitArrival() {
        try {
            while (!closed && selector.select() == 0) {
                // Woken with nothing pending (a close, or a spurious wake-up): look again.
            }
        } catch (IOException | ClosedSelectorException e) {
            // Closed under the wait (then the check below ends it), or the wait failed: serve now.
        }
        if (closed) {
            return;
        }
        try {
            // Closing the selector takes the socket out of it: only then may it go back to blocking mode.
            selector.close();
            listening.configureBlocking(true);
        } catch (IOException e) {
            // The action opens the socket for its server, which says what is wrong with it if anything is.
        }
        onArrival.run();
    }

    /** No action from now on unless it has already begun; the listening socket stays open (its owner closes it). */
    @Override
    public void close() throws IOException {
        closed = true;
        selector.close();
    }
}
