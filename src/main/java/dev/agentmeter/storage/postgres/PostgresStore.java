package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.FleetInstanceView;
import dev.agentmeter.operations.TaskJournal;
import dev.agentmeter.operations.TaskRecorder;

/**
 * Every recorded task in a PostgreSQL database that several AgentMeter instances share, so that each shows the
 * same fleet-wide figures. Starting it waits (boundedly) for the database, migrates the schema, deletes rows
 * beyond the retention and rebuilds the metrics from the rows left, before anything can record or read. Then
 * its {@link #journal()} keeps each new task, and once {@link #follow} is given the recorder, the tasks and
 * resets the other instances commit are folded in as they come.
 *
 * <p>Unlike SQLite, a database that cannot be used at start stops the start: an instance that cannot share the
 * picture would show another one behind the same load balancer. Once started, an outage is survived in memory.
 *
 * <p>Thread-safe once started; {@link #close} once, after the last recording.
 */
public final class PostgresStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);

    private final PostgresSettings settings;
    private final String instanceId;
    private final HikariDataSource pool;
    private final ResetEpochs epochs;
    private final PostgresTaskJournal journal;
    private final FleetInstances instances;
    private final Rebuild.Result rebuilt;
    // Set once by follow, read by close.
    private volatile FleetFollower follower;

    private PostgresStore(PostgresSettings settings, String instanceId, HikariDataSource pool, ResetEpochs epochs,
                          PostgresTaskJournal journal, FleetInstances instances, Rebuild.Result rebuilt) {
        this.settings = settings;
        this.instanceId = instanceId;
        this.pool = pool;
        this.epochs = epochs;
        this.journal = journal;
        this.instances = instances;
        this.rebuilt = rebuilt;
    }

    /** Opens the store and rebuilds {@code metrics} from it. */
    public static PostgresStore start(PostgresSettings settings, PerformanceMetrics metrics, Clock clock)
            throws PostgresStartFailure {
        String database = settings.location().display();
        String instanceId = UUID.randomUUID().toString();
        var instances = new FleetInstances(instanceId, FleetInstances.localHost(), settings.heartbeatInterval());
        HikariDataSource pool = PostgresPool.open(settings);
        try (Connection connection = StartConnection.await(pool, settings)) {
            long began = System.nanoTime();
            int before = PostgresSchema.migrate(connection, PostgresSchema.CURRENT_VERSION);
            if (before < PostgresSchema.CURRENT_VERSION) {
                log.info("PostgreSQL {}: schema brought to version {} (found at {})", database,
                        PostgresSchema.CURRENT_VERSION, before);
            }
            long pruned = new RetentionSweep(settings, clock).deleteAll(connection);
            Rebuild.Result rebuilt = Rebuild.run(connection, metrics::record);
            instances.beat(connection);
            log.info("PostgreSQL {}: rebuilt {} tasks in {} ms{}; this instance is {}", database, rebuilt.tasks(),
                    Duration.ofNanos(System.nanoTime() - began).toMillis(),
                    pruned == 0 ? "" : " after deleting " + pruned + " beyond the retention", instanceId);
            if (rebuilt.skipped() > 0) {
                log.warn("PostgreSQL {}: skipped {} rows that are not valid tasks", database, rebuilt.skipped());
            }
            var epochs = new ResetEpochs(rebuilt.latestReset());
            var journal = new PostgresTaskJournal(pool, settings, clock, epochs,
                    new GroupCommit(instanceId, instances.host())).start();
            return new PostgresStore(settings, instanceId, pool, epochs, journal, instances, rebuilt);
        } catch (SQLException e) {
            pool.close();
            throw new PostgresStartFailure("cannot use " + database + ": " + PostgresHealth.describe(e), e);
        } catch (PostgresStartFailure | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Keeps each recorded task in the shared database. */
    public TaskJournal journal() {
        return journal;
    }

    /**
     * Starts folding into {@code recorder}'s memory what the other instances commit (tasks and resets), from where
     * the rebuild stopped. Call once, with the recorder that records through {@link #journal()}.
     */
    public synchronized void follow(TaskRecorder recorder) {
        if (follower != null) {
            throw new IllegalStateException("already following");
        }
        var catchUp = new FleetCatchUp(instanceId, epochs, recorder, rebuilt.mark());
        follower = new FleetFollower(pool, instanceId, catchUp, instances, journal.health(), settings).start();
    }

    /** The instances sharing the database, as last read (this one included), oldest first. */
    public List<FleetInstanceView> instances() {
        return instances.seen();
    }

    /** How many stored tasks the metrics were rebuilt from. */
    public long rebuiltTasks() {
        return rebuilt.tasks();
    }

    /** This instance's id, new at every start. */
    public String instanceId() {
        return instanceId;
    }

    /** Stops following, writes what is queued (if the database is up), leaves the instance list, closes the pool. */
    @Override
    public void close() {
        FleetFollower following = follower;
        if (following != null) {
            following.close();
        }
        journal.close();
        if (!journal.health().writesFailing()) {
            try (Connection connection = pool.getConnection()) {
                instances.leave(connection);
            } catch (SQLException e) {
                log.debug("Could not leave the instance list: {}", e.toString());
            }
        }
        pool.close();
    }
}
