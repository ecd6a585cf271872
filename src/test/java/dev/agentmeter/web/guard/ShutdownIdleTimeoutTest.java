package dev.agentmeter.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection that opens during a graceful stop gets the short idle timeout the stop gave the others. */
class ShutdownIdleTimeoutTest {

    private static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ShutdownIdleTimeout listener = new ShutdownIdleTimeout(connector);

    @BeforeEach
    void start() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aConnectionOpenedWhileServingKeepsItsIdleTimeout() {
        Connection connection = openedConnection();

        assertThat(connection.getEndPoint().getIdleTimeout()).isEqualTo(IDLE_TIMEOUT_MILLIS);
    }

    @Test
    void aConnectionOpenedAfterTheShutdownBeganGetsTheShutdownIdleTimeout() {
        connector.shutdown();

        Connection connection = openedConnection();

        assertThat(connection.getEndPoint().getIdleTimeout()).isEqualTo(connector.getShutdownIdleTimeout())
                .isLessThan(IDLE_TIMEOUT_MILLIS);
    }

    /** A connection on an endpoint with the full idle timeout, as the connector's listeners hear of it. */
    private Connection openedConnection() {
        var endPoint = new ByteArrayEndPoint();
        endPoint.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        Connection connection = new AbstractConnection(endPoint, Runnable::run) {
            @Override
            public void onFillable() {
            }
        };
        listener.onOpened(connection);
        return connection;
    }
}
