package dev.agentmeter.storage.postgres;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.agentmeter.operations.FleetInstanceView;
import dev.agentmeter.operations.IsoTimestamps;

/**
 * The instances that share the database, in its {@code instances} table: each one registers at start, beats
 * (says it is alive) every heartbeat interval, and leaves when it stops cleanly; one killed stays listed, not
 * alive, until it has been silent for {@link #FORGET_AFTER}. The list for {@code /api/server} is read at each
 * beat and kept, so an answer never waits for the database.
 *
 * <p>Thread-safe: the follower thread beats, anyone reads {@link #seen}.
 */
final class FleetInstances {

    /** The most instances listed. */
    static final int MAX_LISTED = 100;
    /** An instance silent this long is deleted from the table. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    /** Heartbeats an instance may miss and still count as alive. */
    private static final int MISSED_BEATS = 3;

    private final String instanceId;
    private final String host;
    private final Duration heartbeat;
    // Written by the beating thread, read by /api/server.
    private volatile List<FleetInstanceView> seen = List.of();

    FleetInstances(String instanceId, String host, Duration heartbeat) {
        this.instanceId = instanceId;
        this.host = host;
        this.heartbeat = heartbeat;
    }

    /** The name of this machine, as other instances will list it. */
    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    String host() {
        return host;
    }

    /** Says this instance is alive, forgets long-silent ones, and reads who is there. */
    void beat(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (var upsert = connection.prepareStatement("INSERT INTO instances (id, host, started_at, last_seen_at) "
                + "VALUES (?, ?, now(), now()) ON CONFLICT (id) DO UPDATE SET last_seen_at = now()");
             var forget = connection.prepareStatement("DELETE FROM instances WHERE last_seen_at < now() - "
                     + "make_interval(secs => ?)");
             var list = connection.prepareStatement("SELECT id, host, started_at, last_seen_at, "
                     + "last_seen_at > now() - make_interval(secs => ?) FROM instances ORDER BY started_at, id "
                     + "LIMIT " + MAX_LISTED)) {
            upsert.setString(1, instanceId);
            upsert.setString(2, host);
            upsert.executeUpdate();
            forget.setDouble(1, FORGET_AFTER.toSeconds());
            forget.executeUpdate();
            list.setDouble(1, heartbeat.toMillis() * MISSED_BEATS / 1000.0);
            var views = new ArrayList<FleetInstanceView>();
            try (var rows = list.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    views.add(new FleetInstanceView(id, rows.getString(2), iso(rows.getObject(3, OffsetDateTime.class)),
                            iso(rows.getObject(4, OffsetDateTime.class)), rows.getBoolean(5), id.equals(instanceId)));
                }
            }
            seen = List.copyOf(views);
        }
    }

    /** Removes this instance from the table: it stopped cleanly. */
    void leave(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (var delete = connection.prepareStatement("DELETE FROM instances WHERE id = ?")) {
            delete.setString(1, instanceId);
            delete.executeUpdate();
        }
    }

    /** The instances read at the last beat, oldest first. */
    List<FleetInstanceView> seen() {
        return seen;
    }

    private static String iso(OffsetDateTime time) {
        return time == null ? null : IsoTimestamps.format(time.toInstant());
    }
}
