package dev.agentmeter.web.guard;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;

/**
 * Gives a connection that opens while its connector shuts down the connector's shutdown idle timeout, as Jetty
 * gives the connections already open. A graceful stop shortens their idle timeout (so that idle ones close within
 * a second and the stop need not wait for them), but a connection the acceptor took just before the stop and opened
 * just after keeps the full idle timeout: the stop then waits for it until its own timeout, and fails. A server
 * started on its first connection meets that whenever a stop comes as it starts, since that first connection is
 * accepted then (issue 15).
 *
 * <p>Jetty adds the connector's endpoint to those a shutdown shortens before it tells this listener: a connection
 * either is seen by the shutdown or sees it here. Thread-safe: it keeps no state.
 */
public final class ShutdownIdleTimeout implements Connection.Listener {

    private final AbstractConnector connector;

    public ShutdownIdleTimeout(AbstractConnector connector) {
        this.connector = connector;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connector.isShutdown()) {
            connection.getEndPoint().setIdleTimeout(connector.getShutdownIdleTimeout());
        }
    }
}
