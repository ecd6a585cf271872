package dev.agentmeter.storage.postgres;

import static dev.agentmeter.storage.postgres.FleetMember.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schema migrations versioned in the database: fresh, restarted, older, newer, and two instances at once. */
class PostgresSchemaTest {

    private PostgresLocation database;

    @BeforeEach
    void newDatabase() {
        database = PostgresCluster.shared().newDatabase();
    }

    @Test
    void aFreshDatabaseGetsEveryMigrationEachRecordedWithItsPurpose() throws Exception {
        try (var member = FleetMember.join(database)) {
            assertThat(versions()).containsExactly(1, 2);
            assertThat(FleetMember.count(database, "SELECT count(*) FROM schema_version WHERE purpose <> ''"))
                    .isEqualTo(PostgresSchema.CURRENT_VERSION);
        }
    }

    @Test
    void aRestartOnAnExistingDatabaseKeepsItsRowsAndMigratesNothing() throws Exception {
        try (var first = FleetMember.join(database)) {
            first.recorder.record(task("kept", 10, true, 0)).join();
        }
        try (var connection = FleetMember.connect(database)) {
            assertThat(PostgresSchema.migrate(connection, PostgresSchema.CURRENT_VERSION))
                    .isEqualTo(PostgresSchema.CURRENT_VERSION);
        }
        try (var restarted = FleetMember.join(database)) {
            assertThat(restarted.total()).isEqualTo(1);
            assertThat(versions()).containsExactly(1, 2);
        }
    }

    @Test
    void anOlderDatabaseIsMigratedStepByStepKeepingItsTasks() throws Exception {
        try (var connection = FleetMember.connect(database); var statement = connection.createStatement()) {
            assertThat(PostgresSchema.migrate(connection, 1)).isZero();
            statement.execute("INSERT INTO tasks (instance_id, finished_at, name, duration_micros, success) "
                    + "VALUES ('old', now(), 'from-version-1', 1500, true)");
        }

        try (var member = FleetMember.join(database)) {
            assertThat(versions()).containsExactly(1, 2);
            assertThat(member.metrics.taskNames()).containsExactly("from-version-1");
        }
    }

    @Test
    void aDatabaseNewerThanTheProgramIsRefusedWithAClearMessage() throws Exception {
        try (var member = FleetMember.join(database)) {
            member.recorder.record(task("kept", 10, true, 0)).join();
        }
        try (var connection = FleetMember.connect(database); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version, purpose) VALUES (99, 'from the future')");
        }

        var refusal = catchThrowableOfType(PostgresStartFailure.class, () -> FleetMember.join(database));

        assertThat(refusal.getMessage()).isEqualTo("the database's schema version is 99, newer than this AgentMeter "
                + "understands (" + PostgresSchema.CURRENT_VERSION + "); use a newer AgentMeter or another database");
        assertThat(FleetMember.count(database, "SELECT count(*) FROM tasks")).isEqualTo(1);
    }

    @Test
    void instancesStartingTogetherOnAFreshDatabaseMigrateItOnce() throws Exception {
        var starting = new ArrayList<CompletableFuture<FleetMember>>();
        for (int i = 0; i < 4; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return FleetMember.join(database);
                } catch (PostgresStartFailure e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        var members = new ArrayList<FleetMember>();
        try {
            for (var member : starting) {
                members.add(member.get(60, TimeUnit.SECONDS));
            }
            assertThat(versions()).containsExactly(1, 2);
        } finally {
            members.forEach(FleetMember::close);
        }
    }

    private List<Integer> versions() throws Exception {
        var versions = new ArrayList<Integer>();
        try (var connection = FleetMember.connect(database); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
