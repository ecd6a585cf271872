package dev.agentmeter.storage;

import static dev.agentmeter.storage.StorageFixture.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLibraryTest {

    private static final int LOADERS = 4;
    private static final int STORES = 4;
    private static final int TASKS_PER_STORE = 25;

    @TempDir
    Path folder;

    @Test
    void earlyLoadsRacingDatabaseOpensLeaveEveryStoreWorkingAndEveryTaskStored() throws Exception {
        var pool = Executors.newFixedThreadPool(LOADERS + STORES);
        try {
            var start = new CountDownLatch(1);
            var loads = new ArrayList<Future<?>>();
            var opens = new ArrayList<Future<Path>>();
            for (int i = 0; i < LOADERS; i++) {
                loads.add(pool.submit(() -> {
                    start.await();
                    SqliteLibrary.loadEarly();
                    return null;
                }));
            }
            for (int i = 0; i < STORES; i++) {
                Path data = folder.resolve("store-" + i);
                opens.add(pool.submit(() -> {
                    start.await();
                    try (var store = StorageFixture.open(data)) {
                        for (int t = 0; t < TASKS_PER_STORE; t++) {
                            store.recorder.record(task("t" + t, 1_000, true, t)).join();
                        }
                    }
                    return data;
                }));
            }
            start.countDown();
            for (var load : loads) {
                load.get(60, TimeUnit.SECONDS);
            }
            List<Path> stored = new ArrayList<>();
            for (var open : opens) {
                stored.add(open.get(60, TimeUnit.SECONDS));
            }
            for (Path data : stored) {
                try (var restarted = StorageFixture.open(data)) {
                    assertThat(restarted.storage.rebuiltTasks()).as(data.toString()).isEqualTo(TASKS_PER_STORE);
                }
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
