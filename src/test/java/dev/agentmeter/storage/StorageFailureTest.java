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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.RecordingRefusedException;
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
            var appended = append(storage, largeTask(1));

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

            append(storage, largeTask(2)).join();

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
    void whenTheWriterFallsBehindRoomBeyondTheQueueIsRefusedWholeAndAtOnce() throws Exception {
        try (var storage = stalledQueueOf(3); var writer = holdTheDatabase(storage)) {
            var journal = storage.storage.journal();
            var first = append(storage, task("plan", 10, true, 1));

            assertThat(journal.reserve(3)).isEmpty();
            try (var room = journal.reserve(2).orElseThrow()) {
                var second = room.append(task("plan", 10, true, 2));
                var third = room.append(task("plan", 10, true, 3));

                assertThat(journal.reserve(1)).isEmpty();
                writer.release();
                assertThat(CompletableFuture.allOf(first, second, third)).succeedsWithin(WAIT);
            }
        }
    }

    @Test
    void roomReservedButNotUsedIsGivenBack() throws Exception {
        try (var storage = stalledQueueOf(3); var writer = holdTheDatabase(storage)) {
            var journal = storage.storage.journal();
            journal.reserve(3).orElseThrow().close();

            assertThat(journal.reserve(3)).isPresent();
        }
    }

    @Test
    void aBatchRefusedForWantOfRoomRecordsNothingInMemory() throws Exception {
        try (var storage = stalledQueueOf(4); var writer = holdTheDatabase(storage)) {
            var kept = storage.recorder.recordAll(List.of(task("plan", 10, true, 1), task("plan", 10, true, 2),
                    task("plan", 10, true, 3)));

            var refused = storage.recorder.recordAll(List.of(task("late", 10, true, 4), task("late", 10, true, 5)));

            assertThatThrownBy(refused::join).hasCauseInstanceOf(RecordingRefusedException.class);
            assertThat(storage.metrics.snapshot().totalRequests()).isEqualTo(3);
            assertThat(storage.metrics.taskNames()).containsExactly("plan");
            writer.release();
            assertThat(kept).succeedsWithin(WAIT);
        }
    }

    @Test
    void storageFallingBehindIsNotReadyUntilItHasCaughtUp() throws Exception {
        try (var storage = stalledQueueOf(4); var writer = holdTheDatabase(storage)) {
            var kept = storage.recorder.recordAll(List.of(task("plan", 10, true, 1), task("plan", 10, true, 2),
                    task("plan", 10, true, 3)));
            assertThat(storage.recorder.readiness().ready()).isTrue();

            assertThat(storage.recorder.recordAll(List.of(task("late", 10, true, 4), task("late", 10, true, 5))))
                    .isCompletedExceptionally();

            assertThat(storage.recorder.readiness().reason()).contains("falling behind").contains("refused");
            writer.release();
            assertThat(kept).succeedsWithin(WAIT);
            Awaitility.await().atMost(WAIT).until(() -> storage.recorder.readiness().ready());
        }
    }

    /** Storage whose queue holds {@code capacity} tasks. */
    private StorageFixture stalledQueueOf(int capacity) {
        return new StorageFixture(StorageSettings.of(folder, null).withQueueCapacity(capacity),
                new MutableClock(StorageFixture.START));
    }

    /** Another connection holding the database's write lock: the journal's writer waits until it is released. */
    private HeldDatabase holdTheDatabase(StorageFixture storage) throws SQLException {
        var other = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DataDirectory.DATABASE_FILE));
        try (var statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        }
        return new HeldDatabase(other);
    }

    /** The write lock another connection holds; {@link #release} lets the journal's writer go on. */
    private static final class HeldDatabase implements AutoCloseable {
        private final Connection connection;
        private boolean held = true;

        HeldDatabase(Connection connection) {
            this.connection = connection;
        }

        void release() throws SQLException {
            if (held) {
                held = false;
                try (var statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                }
            }
        }

        @Override
        public void close() throws SQLException {
            release();
            connection.close();
        }
    }

    private static CompletableFuture<Void> append(StorageFixture storage, TaskRecord task) {
        try (var room = storage.storage.journal().reserve(1).orElseThrow()) {
            return room.append(task);
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
