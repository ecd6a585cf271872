package dev.agentmeter.storage.postgres;

import static dev.agentmeter.storage.postgres.FleetMember.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.operations.RecordingRefusedException;

/**
 * The database stopped under a running store: recording goes on in memory, nothing is acknowledged as stored,
 * readiness says why, and the backlog is written when the database returns. A cluster of its own, so that
 * stopping it troubles no other test.
 */
class PostgresOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static PostgresCluster cluster;
    private PostgresLocation database;

    @BeforeAll
    static void startCluster() {
        cluster = PostgresCluster.start(false);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void newDatabase() {
        cluster.ensureRunning();
        database = cluster.newDatabase();
    }

    @Test
    void whileTheDatabaseIsDownTasksAreNotAcknowledgedAndReadinessSaysWhy() throws Exception {
        try (var member = FleetMember.join(database)) {
            member.recorder.record(task("before", 10, true, 0)).join();
            cluster.stopServer();

            var kept = append(member, task("during", 10, true, 1));

            assertThat(kept).failsWithin(WAIT);
            Awaitility.await().atMost(WAIT).until(() -> !member.store.journal().readiness().ready());
            Readiness readiness = member.store.journal().readiness();
            assertThat(readiness.reason()).contains("cannot write to " + database.display(),
                    "tasks are recorded in memory", "wait to be written").doesNotContain(PostgresCluster.PASSWORD);
            assertThat(member.total()).isEqualTo(1); // the journal alone was given the task: memory is the recorder's
        }
    }

    @Test
    void theBacklogIsWrittenWhenTheDatabaseReturnsAndTheOtherInstanceSeesIt() throws Exception {
        try (var a = FleetMember.join(database); var b = FleetMember.join(database)) {
            a.recorder.record(task("before", 10, true, 0)).join();
            cluster.stopServer();
            var during = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < 50; i++) {
                during.add(append(a, task("during", 10 + i, i % 5 != 0, i)));
            }
            Awaitility.await().atMost(WAIT).until(() -> !a.store.journal().readiness().ready());
            Awaitility.await().atMost(WAIT).until(() -> during.stream().allMatch(CompletableFuture::isDone));
            assertThat(during).allMatch(CompletableFuture::isCompletedExceptionally);

            cluster.startServer();

            Awaitility.await().atMost(WAIT).until(() -> a.store.journal().readiness().ready()
                    && b.store.journal().readiness().ready());
            Awaitility.await().atMost(WAIT)
                    .until(() -> FleetMember.count(database, "SELECT count(*) FROM tasks") == 51);
            Awaitility.await().atMost(WAIT).until(() -> b.total() == 51);
            assertThat(b.metrics.snapshot().failedRequests()).isEqualTo(10);
        }
    }

    @Test
    void aBacklogBeyondItsBoundRefusesRecordingsWholeAndCountsThem() throws Exception {
        var small = PostgresSettings.of(database, null).withQueueCapacity(5);
        try (var member = FleetMember.join(small, Clock.systemUTC())) {
            cluster.stopServer();
            member.recorder.record(task("first", 10, true, 0));
            Awaitility.await().atMost(WAIT).until(() -> !member.store.journal().readiness().ready());
            member.recorder.recordAll(List.of(task("waits", 10, true, 1), task("waits", 10, true, 2)));
            member.recorder.recordAll(List.of(task("waits", 10, true, 3), task("waits", 10, true, 4)));

            var refused = member.recorder.recordAll(List.of(task("refused", 10, true, 5),
                    task("refused", 10, true, 6)));

            assertThat(refused).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(RecordingRefusedException.class);
            assertThat(member.metrics.snapshot().totalRequests()).isEqualTo(5); // nothing of the refused batch
            assertThat(member.store.journal().reserve(1)).isEmpty();
            assertThat(member.store.journal().readiness().reason()).contains("5 wait to be written (at most 5)",
                    "3 were refused");
            cluster.startServer();
            Awaitility.await().atMost(WAIT).until(() -> FleetMember.count(database, "SELECT count(*) FROM tasks") == 5);
            Awaitility.await().atMost(WAIT).until(() -> member.store.journal().readiness().ready());
            try (var room = member.store.journal().reserve(1).orElseThrow()) {
                assertThat(room.append(task("after", 10, true, 7))).succeedsWithin(WAIT);
            }
        }
    }

    @Test
    void aStartWithoutTheDatabaseGivesUpAfterTheStartTimeoutWithAClearMessage() {
        cluster.stopServer();
        var impatient = PostgresSettings.of(database, null).withStartTimeout(Duration.ofSeconds(1));

        var failure = catchThrowableOfType(PostgresStartFailure.class,
                () -> FleetMember.join(impatient, Clock.systemUTC()));

        assertThat(failure.getMessage()).startsWith("cannot reach " + database.display() + " within 1 s: ")
                .doesNotContain(PostgresCluster.PASSWORD);
    }

    /** The journal alone is given the task, as a recording would after taking room: memory is the recorder's. */
    private static CompletableFuture<Void> append(FleetMember member, TaskRecord task) {
        try (var room = member.store.journal().reserve(1).orElseThrow()) {
            return room.append(task);
        }
    }

    @Test
    void aWrongPasswordStopsTheStartAtOnceWithoutShowingIt() {
        var wrong = PostgresLocation.parse(cluster.url("postgres") + "?password=not-the-password", null);

        var failure = catchThrowableOfType(PostgresStartFailure.class,
                () -> FleetMember.join(PostgresSettings.of(wrong, null), Clock.systemUTC()));

        assertThat(failure.getMessage()).contains("password authentication failed").doesNotContain("not-the-password");
    }
}
