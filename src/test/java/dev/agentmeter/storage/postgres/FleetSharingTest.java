package dev.agentmeter.storage.postgres;

import static dev.agentmeter.storage.postgres.FleetMember.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.TaskRecord;

/** Two instances in this JVM on one database: one picture, with real threads and exact counts. */
class FleetSharingTest {

    /** The promise: another instance's commit shows within this. */
    private static final Duration FOLD_IN = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WRITERS = 8;

    private PostgresLocation database;

    @BeforeEach
    void newDatabase() {
        database = PostgresCluster.shared().newDatabase();
    }

    @Test
    void aTaskCommittedOnOneInstanceAppearsOnTheOtherWithinTwoSeconds() throws Exception {
        try (var a = FleetMember.join(database); var b = FleetMember.join(database)) {
            // PostgreSQL keeps microseconds: the other instance's copy is exact to them.
            var task = new TaskRecord("search", 1_500, false, "timeout", Instant.now().truncatedTo(ChronoUnit.MICROS),
                    "planner");
            a.recorder.record(task).join();

            Awaitility.await().atMost(FOLD_IN).until(() -> b.total() == 1);
            assertThat(b.metrics.history(10)).containsExactly(task);
            assertThat(b.metrics.errors(10)).containsExactly(task);
        }
    }

    @Test
    void tasksFoldedInFromAnotherInstanceReachListenersAsFoldedInSoTheyAreNotExportedTwice() throws Exception {
        try (var a = FleetMember.join(database); var b = FleetMember.join(database)) {
            var seenByB = new CopyOnWriteArrayList<MetricsEvent.TaskRecorded>();
            b.metrics.addEventListener(event -> {
                if (event instanceof MetricsEvent.TaskRecorded recorded) {
                    seenByB.add(recorded);
                }
            });
            a.recorder.record(task("from a", 10, true, 0)).join();
            a.recorder.record(task("from a", 10, true, 1)).join();
            b.recorder.record(task("from b", 10, true, 2)).join();

            Awaitility.await().atMost(FOLD_IN).until(() -> b.total() == 3);
            assertThat(seenByB).hasSize(3);
            assertThat(seenByB).filteredOn(MetricsEvent.TaskRecorded::foldedIn)
                    .extracting(recorded -> recorded.task().name()).containsExactly("from a", "from a");
            assertThat(seenByB).filteredOn(recorded -> !recorded.foldedIn())
                    .extracting(recorded -> recorded.task().name()).containsExactly("from b");
        }
    }

    @Test
    void anInstanceNeverCountsItsOwnTasksTwice() throws Exception {
        try (var a = FleetMember.join(database); var b = FleetMember.join(database)) {
            for (int i = 0; i < 20; i++) {
                a.recorder.record(task("own", 10, true, i)).join();
            }
            // Notifications arrive in commit order: once A has seen B's later task, it has handled its own.
            b.recorder.record(task("other", 10, true, 30)).join();
            Awaitility.await().atMost(FOLD_IN).until(() -> a.metrics.taskNames().contains("other"));

            assertThat(a.total()).isEqualTo(21);
            Awaitility.await().atMost(FOLD_IN).until(() -> b.total() == 21);
        }
    }

    @Test
    void totalsAreExactOnBothInstancesAfterEightConcurrentWritersOnEach() throws Exception {
        int perWriter = 500;
        try (var a = FleetMember.join(database); var b = FleetMember.join(database)) {
            writeConcurrently(List.of(a, b), perWriter);

            long expected = 2L * WRITERS * perWriter;
            Awaitility.await().atMost(WAIT).until(() -> a.total() == expected && b.total() == expected);
            assertThat(a.metrics.snapshot().failedRequests()).isEqualTo(b.metrics.snapshot().failedRequests())
                    .isEqualTo(expected / 10);
            assertThat(FleetMember.count(database, "SELECT count(*) FROM tasks")).isEqualTo(expected);
        }
    }

    @Test
    void aResetOnOneInstanceClearsTheOtherAndLaterTasksCountEverywhere() throws Exception {
        try (var a = FleetMember.join(database); var b = FleetMember.join(database)) {
            for (int i = 0; i < 5; i++) {
                a.recorder.record(task("before", 10, true, i)).join();
            }
            Awaitility.await().atMost(FOLD_IN).until(() -> b.total() == 5);

            b.recorder.reset();

            Awaitility.await().atMost(FOLD_IN).until(() -> a.total() == 0);
            assertThat(FleetMember.count(database, "SELECT count(*) FROM tasks")).isZero();
            a.recorder.record(task("after", 10, true, 10)).join();
            Awaitility.await().atMost(FOLD_IN).until(() -> b.total() == 1);
            assertThat(a.metrics.taskNames()).containsExactly("after");
        }
    }

    @Test
    void tasksRecordedWhileResetsCrossTheFleetEndTheSameOnEveryInstanceAndInTheDatabase() throws Exception {
        try (var a = FleetMember.join(database); var b = FleetMember.join(database)) {
            var recording = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                var writers = new ArrayList<CompletableFuture<Void>>();
                for (var member : List.of(a, b, a, b)) {
                    writers.add(CompletableFuture.runAsync(() -> {
                        for (int i = 0; recording.get(); i++) {
                            member.recorder.record(task("t" + (i % 5), 10 + i, i % 7 != 0, i % 100)).join();
                        }
                    }, pool));
                }
                for (int round = 0; round < 6; round++) {
                    var resetting = round % 2 == 0 ? a : b;
                    Awaitility.await().atMost(WAIT).until(() -> resetting.total() >= 20); // tasks pile up first
                    resetting.recorder.reset();
                }
                recording.set(false);
                CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            // A marker committed after everything else: once both have folded it, both have folded all before it.
            a.recorder.record(task("marker", 1, true, 0)).join();
            Awaitility.await().atMost(FOLD_IN).until(() -> b.metrics.taskNames().contains("marker"));
            b.recorder.record(task("marker", 1, true, 0)).join();
            Awaitility.await().atMost(FOLD_IN).until(() -> a.metrics.taskStats("marker")
                    .map(stats -> stats.count() == 2).orElse(false));

            long stored = FleetMember.count(database, "SELECT count(*) FROM tasks");
            assertThat(a.total()).as("instance A").isEqualTo(stored);
            assertThat(b.total()).as("instance B").isEqualTo(stored);
        }
    }

    @Test
    void anInstanceThatJoinsLaterRebuildsEveryInstancesTasks() throws Exception {
        try (var a = FleetMember.join(database); var b = FleetMember.join(database)) {
            a.recorder.record(task("from-a", 10, true, 0)).join();
            b.recorder.record(task("from-b", 10, false, 1)).join();
            try (var late = FleetMember.join(database)) {
                assertThat(late.total()).isEqualTo(2);
                a.recorder.record(task("from-a", 10, true, 2)).join();
                Awaitility.await().atMost(FOLD_IN).until(() -> late.total() == 3);
            }
        }
    }

    /** {@link #WRITERS} threads on each member, each recording {@code perWriter} tasks and waiting for each. */
    private static void writeConcurrently(List<FleetMember> members, int perWriter) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS * members.size());
        var start = new CountDownLatch(1);
        try {
            var done = new ArrayList<CompletableFuture<Void>>();
            for (var member : members) {
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    done.add(CompletableFuture.runAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        for (int i = 0; i < perWriter; i++) {
                            member.recorder.record(task("w" + writer, 100 + i, i % 10 != 0, i % 60)).join();
                        }
                    }, pool));
                }
            }
            start.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
