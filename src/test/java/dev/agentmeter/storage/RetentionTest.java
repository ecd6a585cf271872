package dev.agentmeter.storage;

import static dev.agentmeter.storage.StorageFixture.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.MutableClock;

class RetentionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void rowsOlderThanTheRetentionAreDeletedAtStartBeforeTheRebuild() {
        try (var first = StorageFixture.open(folder)) {
            first.recorder.record(task("old", 10, true, 0)).join();
            first.recorder.record(task("recent", 10, true, 3 * 3600)).join();
        }
        var clock = new MutableClock(StorageFixture.START.plus(Duration.ofHours(4)));
        try (var restarted = new StorageFixture(StorageSettings.of(folder, Duration.ofHours(2)), clock)) {
            assertThat(restarted.metrics.history(10)).extracting(TaskRecord::name).containsExactly("recent");
        }
    }

    @Test
    void theBackgroundSweepDeletesOldRowsInSmallBatches() throws Exception {
        var clock = new MutableClock(StorageFixture.START);
        var settings = StorageSettings.of(folder, Duration.ofHours(1)).withPruning(Duration.ofMillis(20), 3);
        try (var storage = new StorageFixture(settings, clock)) {
            for (int i = 0; i < 10; i++) {
                storage.recorder.record(task("old", 10, true, i)).join();
            }
            storage.recorder.record(task("recent", 10, true, 7200)).join();

            clock.advance(Duration.ofHours(2));

            Awaitility.await().atMost(WAIT).until(() -> storedRows(storage) == 1);
        }
    }

    private static long storedRows(StorageFixture storage) throws Exception {
        var connection = ((SqliteTaskJournal) storage.storage.journal()).connectionForTests();
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM tasks")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
