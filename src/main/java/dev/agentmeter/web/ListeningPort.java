package dev.agentmeter.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * The web server's listening socket, bound before Jetty starts: the port is known (and taken) at once, Jetty's
 * connector is opened on it when Jetty starts, and it is closed here when Jetty never did.
 *
 * <p>Thread-safe: bound on one thread, then waited on, read and closed from any.
 */
final class ListeningPort {

    private final ServerSocketChannel channel;
    private final int number;
    // Set by awaitFirstConnection; read by whoever stops the wait.
    private volatile FirstConnection firstConnection;

    private ListeningPort(ServerSocketChannel channel, int number) {
        this.channel = channel;
        this.number = number;
    }

    /** Binds {@code host}:{@code port} (0 picks a free port), as Jetty binds its own. */
    static ListeningPort bind(String host, int port) throws IOException {
        var channel = ServerSocketChannel.open();
        try {
            // A port left in TIME_WAIT by the last run can be bound again at once.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port));
            return new ListeningPort(channel, ((InetSocketAddress) channel.getLocalAddress()).getPort());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The bound port (the real one when 0 was asked for). */
    int number() {
        return number;
    }

    ServerSocketChannel channel() {
        return channel;
    }

    /** Runs {@code onArrival} once, on a thread named {@code threadName}, when a first connection is pending. */
    void awaitFirstConnection(Runnable onArrival, String threadName) throws IOException {
        firstConnection = FirstConnection.watch(channel, onArrival, threadName);
    }

    /** Ends the wait for a first connection, if any: its action does not run unless it has begun. */
    void stopWaiting() throws IOException {
        FirstConnection waiting = firstConnection;
        if (waiting != null) {
            waiting.close();
        }
    }

    /** Closes the socket: Jetty closes it when it stops; this closes it when Jetty never started. */
    void close() throws IOException {
        channel.close();
    }
}
