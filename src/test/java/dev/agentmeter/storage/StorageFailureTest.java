package dev.agentmeter.storage;

import static dev.agentmeter.storage.StorageFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.MutableClock;

class StorageFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void aDataFolderThatIsAFileLeavesStorageNotReadyAndRecordingInMemory() throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        try (var storage = StorageFixture.open(file)) {
            assertThat(storage.recorder.readiness().ready()).isFalse();
            assertThat(storage.recorder.readiness().reason()).contains(file.toString()).contains("not a folder");

            storage.recorder.record(task("plan", 10, true, 1)).join();

            assertThat(storage.metrics.snapshot().totalRequests()).isEqualTo(1);
        }
    }

    @Test
    void aFolderInUseByAnotherAgentMeterIsRefused() {
        try (var first = StorageFixture.open(folder); var second = StorageFixture.open(folder)) {
            assertThat(first.recorder.readiness().ready()).isTrue();
            assertThat(second.recorder.readiness().reason()).contains("in use by another AgentMeter");
        }
    }

    @Test
    void aDatabaseFromANewerAgentMeterIsRefused() throws Exception {
        try (var database = TaskDatabase.open(folder.resolve(DataDirectory.DATABASE_FILE), Durability.POWER_LOSS);
             var statement = database.connection().createStatement()) {
            statement.execute("PRAGMA user_version = " + (SchemaMigrations.CURRENT_VERSION + 1));
        }
        try (var storage = StorageFixture.open(folder)) {
            assertThat(storage.recorder.readiness().reason()).contains("newer than this AgentMeter understands");
        }
    }

    @Test
    void onAFullDiskTheTaskIsRecordedInMemoryAndStorageTurnsNotReady() throws Exception {
        try (var storage = fullDatabase(Duration.ofHours(1))) {
            storage.recorder.record(largeTask(1)).join();

            assertThat(storage.metrics.snapshot().totalRequests()).isEqualTo(1);
            assertThat(storage.recorder.readiness().reason()).contains("full").contains("in memory only");
        }
    }

    @Test
    void onAFullDiskTheJournalFailsTheAppend() throws Exception {
        try (var storage = fullDatabase(Duration.ofHours(1))) {
            var appended = storage.storage.journal().append(largeTask(1));

            assertThatThrownBy(appended::join).isInstanceOf(CompletionException.class).hasMessageContaining("full");
        }
    }

    @Test
    void storageIsReadyAgainOnceTheDiskTakesWritesAgain() throws Exception {
        try (var storage = fullDatabase(Duration.ofMillis(50))) {
            storage.recorder.record(largeTask(1)).join();
            assertThat(storage.recorder.readiness().ready()).isFalse();

            liftPageLimit(storage);

            Awaitility.await().atMost(WAIT).until(() -> storage.recorder.readiness().ready());
        }
    }

    @Test
    void tasksWrittenAfterTheOutageAreStoredAgain() throws Exception {
        try (var storage = fullDatabase(Duration.ofHours(1))) {
            storage.recorder.record(largeTask(1)).join();
            liftPageLimit(storage);

            storage.storage.journal().append(largeTask(2)).join();

            assertThat(storage.recorder.readiness().ready()).isTrue();
        }
    }

    @Test
    void aReadOnlyDatabaseTurnsNotReadyWithSQLitesReason() throws Exception {
        var settings = StorageSettings.of(folder, null).withProbeInterval(Duration.ofHours(1));
        try (var storage = new StorageFixture(settings, new MutableClock(StorageFixture.START))) {
            try (var statement = journalConnection(storage).createStatement()) {
                statement.execute("PRAGMA query_only = ON"); // SQLite now refuses every write as read-only
            }

            storage.recorder.record(task("plan", 10, true, 1)).join();

            assertThat(storage.recorder.readiness().reason()).contains("readonly");
            assertThat(storage.metrics.snapshot().totalRequests()).isEqualTo(1);
        }
    }

    @Test
    void aFileThatIsNotADatabaseLeavesStorageNotReady() throws Exception {
        Files.writeString(folder.resolve(DataDirectory.DATABASE_FILE), "this is not a database, ".repeat(100));

        try (var storage = StorageFixture.open(folder)) {
            assertThat(storage.recorder.readiness().reason()).contains("is damaged", "move the file aside")
                    .contains(DataDirectory.DATABASE_FILE);
        }
    }

    @Test
    void whenTheWriterFallsBehindAFullQueueRefusesTheAppendAtOnce() throws Exception {
        var settings = StorageSettings.of(folder, null).withQueueCapacity(2);
        try (var storage = new StorageFixture(settings, new MutableClock(StorageFixture.START));
             var other = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DataDirectory.DATABASE_FILE));
             var statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE"); // another writer holds the database: ours waits
            var journal = storage.storage.journal();
            var first = journal.append(task("plan", 10, true, 1));
            var second = journal.append(task("plan", 10, true, 2));

            var third = journal.append(task("plan", 10, true, 3));

            assertThat(third).isCompletedExceptionally();
            statement.execute("ROLLBACK");
            assertThat(CompletableFuture.allOf(first, second)).succeedsWithin(WAIT);
        }
    }

    private static Connection journalConnection(StorageFixture storage) {
        return ((SqliteTaskJournal) storage.storage.journal()).connectionForTests();
    }

    /** A failed task whose long message needs pages of its own. */
    private static TaskRecord largeTask(long secondsAfterStart) {
        return new TaskRecord("plan", 10, false, "x".repeat(20_000),
                StorageFixture.START.plusSeconds(secondsAfterStart));
    }

    /** Storage whose database may not grow by another page, as on a full disk (SQLite answers SQLITE_FULL). */
    private StorageFixture fullDatabase(Duration probeInterval) throws SQLException {
        var settings = StorageSettings.of(folder, null).withProbeInterval(probeInterval);
        var storage = new StorageFixture(settings, new MutableClock(StorageFixture.START));
        var connection = ((SqliteTaskJournal) storage.storage.journal()).connectionForTests();
        try (var statement = connection.createStatement()) {
            statement.execute("PRAGMA max_page_count = 1"); // SQLite raises it to the pages already in use
        }
        return storage;
    }

    private static void liftPageLimit(StorageFixture storage) throws SQLException {
        var connection = ((SqliteTaskJournal) storage.storage.journal()).connectionForTests();
        try (var statement = connection.createStatement()) {
            statement.execute("PRAGMA max_page_count = 1073741823");
        }
    }
}
