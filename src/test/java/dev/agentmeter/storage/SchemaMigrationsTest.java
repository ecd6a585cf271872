package dev.agentmeter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;

class SchemaMigrationsTest {

    @TempDir
    Path folder;

    @Test
    void aVersionOneDatabaseIsMigratedToTheCurrentVersionKeepingItsTasks() throws Exception {
        Path file = folder.resolve(DataDirectory.DATABASE_FILE);
        try (var v1 = versionOne(file); var statement = v1.createStatement()) {
            statement.execute("INSERT INTO tasks (ts_millis, name, duration_micros, success, error) "
                    + "VALUES (1764000000000, 'old', 1500, 0, 'it broke')");
        }

        try (var storage = StorageFixture.open(folder)) {
            assertThat(storage.metrics.history(10)).containsExactly(new TaskRecord("old", 1500, false, "it broke",
                    Instant.ofEpochMilli(1_764_000_000_000L), null));
        }
        try (var current = TaskDatabase.open(file, Durability.POWER_LOSS)) {
            assertThat(SchemaMigrations.version(current.connection())).isEqualTo(SchemaMigrations.CURRENT_VERSION);
        }
    }

    @Test
    void aMigratedDatabaseKeepsTheAgentOfNewTasks() throws Exception {
        Path file = folder.resolve(DataDirectory.DATABASE_FILE);
        versionOne(file).close();
        var task = new TaskRecord("new", 10, true, null, StorageFixture.START, "claude");

        try (var storage = StorageFixture.open(folder)) {
            storage.recorder.record(task).join();
        }

        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.history(1)).containsExactly(task);
        }
    }

    @Test
    void aVersionThreeDatabaseMigratesKeepingItsTasksWhichWereNoModelCalls() throws Exception {
        Path file = folder.resolve(DataDirectory.DATABASE_FILE);
        try (var v3 = atVersion(file, 3); var statement = v3.createStatement()) {
            statement.execute("INSERT INTO tasks (ts_millis, name, agent, duration_micros, success, error) "
                    + "VALUES (1764000000000, 'old', 'claude', 1500, 1, NULL)");
        }
        var modelCall = new TaskRecord("chat", 10, true, null, StorageFixture.START, "claude",
                new ModelCall("gpt-5", "openai", 100L, 10L, 0L, 0L, 1_234L), "4bf92f3577b34da6a3ce929d0e0e4736");

        try (var storage = StorageFixture.open(folder)) {
            assertThat(storage.metrics.history(10)).containsExactly(new TaskRecord("old", 1500, true, null,
                    Instant.ofEpochMilli(1_764_000_000_000L), "claude"));
            storage.recorder.record(modelCall).join();
        }
        try (var restarted = StorageFixture.open(folder)) {
            assertThat(restarted.metrics.history(1)).containsExactly(modelCall);
        }
        try (var current = TaskDatabase.open(file, Durability.POWER_LOSS)) {
            assertThat(SchemaMigrations.version(current.connection())).isEqualTo(SchemaMigrations.CURRENT_VERSION);
        }
    }

    @Test
    void aNewDatabaseStartsAtTheCurrentVersion() throws Exception {
        try (var database = TaskDatabase.open(folder.resolve("fresh.db"), Durability.POWER_LOSS)) {
            assertThat(SchemaMigrations.version(database.connection())).isEqualTo(SchemaMigrations.CURRENT_VERSION);
        }
    }

    /** A database as the first AgentMeter with storage left it. */
    private static Connection versionOne(Path file) throws Exception {
        return atVersion(file, 1);
    }

    /** A database as the AgentMeter of schema {@code version} left it. */
    private static Connection atVersion(Path file, int version) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        SchemaMigrations.migrate(connection, version);
        assertThat(SchemaMigrations.version(connection)).isEqualTo(version);
        return connection;
    }

    @Test
    void migrationsAreNumberedOneByOne() {
        for (int i = 0; i < SchemaMigrations.ALL.size(); i++) {
            assertThat(SchemaMigrations.ALL.get(i).version()).isEqualTo(i + 1);
        }
    }
}
