package dev.agentmeter.web.guard;

import java.time.Duration;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open connections: at the cap Jetty stops accepting, so new connections wait in the
 * operating system's queue until one closes, and the process never runs out of file descriptors (which its
 * database and its own files need too). Reaching the cap is logged (a line a minute at most), since it means
 * either more clients than planned or someone holding connections open.
 *
 * <p>Thread-safe.
 */
public final class ConnectionCap extends NetworkConnectionLimit {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCap.class);

    private final AbstractConnector connector;
    private final int max;
    private final ThrottledLog reached = new ThrottledLog(log, Duration.ofMinutes(1), System::nanoTime);

    public ConnectionCap(int max, AbstractConnector connector) {
        super(max, connector);
        this.connector = connector;
        this.max = max;
    }

    @Override
    protected void limit() {
        super.limit();
        // Called under Jetty's lock: the line is written on another thread.
        connector.getExecutor().execute(() -> reached.warn("Open connections reached the cap of {}: new "
                + "connections wait until one closes (slow or idle clients hold them)", max));
    }
}
