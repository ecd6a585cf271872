package dev.agentmeter.web.guard;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request headers take longer than {@code timeout} to arrive. Jetty reads headers
 * without holding a thread, and its idle timeout restarts with every byte, so a client that sends a header a
 * byte every few seconds would otherwise hold its connection for hours, and enough of them every connection
 * the server may have. Jetty 12 has no such deadline, hence this sweep: a few times per timeout it looks at
 * each connection's HTTP parser, notes when a request's headers began, and closes those past the deadline.
 * (Bodies have their deadline in {@link RequestBodyPrefetch}.)
 *
 * <p>The parser's state is read from the sweeping thread without the connection's cooperation: a stale read
 * only moves a close by one sweep. Thread-safe: one scheduled task runs the sweeps, one at a time.
 */
public final class SlowHeaderSweeper extends AbstractLifeCycle implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SlowHeaderSweeper.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    /** When a connection's current request began to arrive, and how many requests it had then. */
    private record Started(long atNanos, long requestsBefore) {
    }

    private final AbstractConnector connector;
    private final Duration timeout;
    private final long sweepMillis;
    private final ThrottledLog closes = new ThrottledLog(log, LOG_INTERVAL, System::nanoTime);
    // Touched by the sweeping task only.
    private Map<EndPoint, Started> started = new HashMap<>();
    // Set on start and by each sweep for the next; cancelled on stop.
    private volatile Scheduler.Task next;

    public SlowHeaderSweeper(AbstractConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeout = timeout;
        this.sweepMillis = Math.max(50, Math.min(1_000, timeout.toMillis() / 4));
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
    }

    @Override
    public void run() {
        try {
            sweep(System.nanoTime());
        } catch (RuntimeException e) { // a bug: report it, and keep sweeping
            log.error("Sweeping slow request headers failed", e);
        }
        if (isRunning()) {
            schedule();
        }
    }

    private void schedule() {
        next = connector.getScheduler().schedule(this, sweepMillis, TimeUnit.MILLISECONDS);
    }

    private void sweep(long now) {
        var stillArriving = new HashMap<EndPoint, Started>();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            HttpConnection http = httpConnection(endPoint.getConnection());
            if (http == null || !readingHeaders(http.getParser())) {
                continue;
            }
            Started before = started.get(endPoint);
            Started since = before != null && before.requestsBefore() == http.getMessagesIn() ? before
                    : new Started(now, http.getMessagesIn());
            if (now - since.atNanos() > timeout.toNanos()) {
                closes.warn("Closed a connection from {}: its request headers had not arrived within {} s (a slow "
                        + "client, or an attack)", endPoint.getRemoteSocketAddress(), timeout.toSeconds());
                endPoint.close();
            } else {
                stillArriving.put(endPoint, since);
            }
        }
        started = stillArriving;
    }

    /** Past the first byte of a request and not yet at its body. */
    private static boolean readingHeaders(HttpParser parser) {
        return parser.inHeaderState() && !parser.isStart();
    }

    private static HttpConnection httpConnection(Connection connection) {
        if (connection instanceof SslConnection tls) {
            connection = tls.getSslEndPoint().getConnection();
        }
        return connection instanceof HttpConnection http ? http : null;
    }
}
