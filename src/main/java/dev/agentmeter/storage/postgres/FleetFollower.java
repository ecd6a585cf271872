package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.storage.DaemonThreads;

/**
 * Folds into this instance's memory what the other instances commit, within a fraction of a second, without
 * polling the table: it listens for the commit notifications ({@link GroupCommit#CHANNEL}), and on one from
 * another instance reads the rows between its high-water mark and the notified id ({@link FleetCatchUp}). Its
 * own commits only move the mark: commits happen in id order and notifications arrive in commit order, so
 * everything below an own commit's id has been notified before it. After (re)connecting it reads everything
 * past the mark, since notifications sent while it was away are gone. It also beats for {@link FleetInstances}.
 *
 * <p>Thread-safe: one thread of its own does the work; {@link #close} from any thread.
 */
final class FleetFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetFollower.class);
    private static final int LISTEN_WAIT_MILLIS = 250;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final DataSource pool;
    private final String instanceId;
    private final FleetCatchUp catchUp;
    private final FleetInstances instances;
    private final PostgresHealth health;
    private final PostgresSettings settings;
    private final Thread thread;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    // The follower thread's own: the next heartbeat.
    private long nextBeatNanos;

    FleetFollower(DataSource pool, String instanceId, FleetCatchUp catchUp, FleetInstances instances,
                  PostgresHealth health, PostgresSettings settings) {
        this.pool = pool;
        this.instanceId = instanceId;
        this.catchUp = catchUp;
        this.instances = instances;
        this.health = health;
        this.settings = settings;
        this.thread = DaemonThreads.named("agentmeter-postgres-follower").newThread(this::run);
    }

    FleetFollower start() {
        thread.start();
        return this;
    }

    @Override
    public void close() {
        stopRequested.countDown();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private void run() {
        while (!stopping()) {
            try (Connection connection = pool.getConnection()) {
                follow(connection);
            } catch (SQLException e) {
                if (stopping()) {
                    break;
                }
                health.followFails(e);
            } catch (RuntimeException e) { // a bug: report it, and start again from the mark
                log.error("Following the other instances failed unexpectedly", e);
                health.followFails(e);
            }
            awaitStop(settings.probeInterval().toMillis());
        }
    }

    private void follow(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + GroupCommit.CHANNEL);
        }
        PGConnection notifications = connection.unwrap(PGConnection.class);
        catchUp.readPast(connection, Long.MAX_VALUE); // whatever was committed while nobody listened
        beat(connection);
        health.followWorks();
        while (!stopping()) {
            PGNotification[] arrived = notifications.getNotifications(LISTEN_WAIT_MILLIS);
            if (arrived != null && arrived.length > 0) {
                handle(connection, arrived);
            } else if (catchUp.deferred()) {
                catchUp.readPast(connection, Long.MAX_VALUE);
            }
            catchUp.restoreForgotten();
            if (System.nanoTime() - nextBeatNanos >= 0) {
                beat(connection);
            }
        }
    }

    /** Notifications in commit order: read up to the newest when any came from another instance. */
    private void handle(Connection connection, PGNotification[] arrived) throws SQLException {
        long upTo = 0;
        boolean fromOthers = false;
        for (PGNotification notification : arrived) {
            String payload = notification.getParameter();
            int space = payload == null ? -1 : payload.lastIndexOf(' ');
            if (space < 0) {
                continue; // not ours: a person's NOTIFY on the channel, say
            }
            try {
                upTo = Math.max(upTo, Long.parseLong(payload.substring(space + 1)));
            } catch (NumberFormatException e) {
                continue;
            }
            fromOthers |= !payload.substring(0, space).equals(instanceId);
        }
        if (fromOthers || catchUp.deferred()) {
            catchUp.readPast(connection, catchUp.deferred() ? Long.MAX_VALUE : upTo);
        } else {
            catchUp.ownCommitted(upTo);
        }
    }

    private void beat(Connection connection) throws SQLException {
        instances.beat(connection);
        nextBeatNanos = System.nanoTime() + settings.heartbeatInterval().toNanos();
    }

    private void awaitStop(long millis) {
        try {
            stopRequested.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.countDown();
        }
    }
}
