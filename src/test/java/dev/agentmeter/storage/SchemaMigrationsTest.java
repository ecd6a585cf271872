package dev.agentmeter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aNewDatabaseStartsAtTheCurrentVersion() throws Exception {
        try (var database = TaskDatabase.open(folder.resolve("fresh.db"), Durability.POWER_LOSS)) {
            assertThat(SchemaMigrations.version(database.connection())).isEqualTo(SchemaMigrations.CURRENT_VERSION);
        }
    }

    /** A database as the first AgentMeter with storage left it. */
    private static Connection versionOne(Path file) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        SchemaMigrations.migrate(connection, 1);
        assertThat(SchemaMigrations.version(connection)).isEqualTo(1);
        return connection;
    }

    @Test
    void migrationsAreNumberedOneByOne() {
        for (int i = 0; i < SchemaMigrations.ALL.size(); i++) {
            assertThat(SchemaMigrations.ALL.get(i).version()).isEqualTo(i + 1);
        }
    }
}
