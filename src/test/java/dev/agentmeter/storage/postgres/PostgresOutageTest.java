package dev.agentmeter.storage.postgres;

import static dev.agentmeter.storage.postgres.FleetMember.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.operations.Readiness;

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

            var kept = member.store.journal().append(task("during", 10, true, 1));

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
                during.add(a.store.journal().append(task("during", 10 + i, i % 5 != 0, i)));
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
    void aBacklogBeyondItsBoundRefusesAtOnceAndCountsWhatItCouldNotKeep() throws Exception {
        var small = PostgresSettings.of(database, null).withQueueCapacity(5);
        try (var member = FleetMember.join(small, Clock.systemUTC())) {
            cluster.stopServer();
            member.store.journal().append(task("first", 10, true, 0));
            Awaitility.await().atMost(WAIT).until(() -> !member.store.journal().readiness().ready());
            for (int i = 0; i < 4; i++) {
                member.store.journal().append(task("waits", 10, true, i));
            }

            var refused = member.store.journal().append(task("refused", 10, true, 9));

            assertThat(refused).isCompletedExceptionally();
            assertThat(member.store.journal().readiness().reason()).contains("5 wait to be written (at most 5)",
                    "1 could not be kept");
            cluster.startServer();
            Awaitility.await().atMost(WAIT).until(() -> FleetMember.count(database, "SELECT count(*) FROM tasks") == 5);
            Awaitility.await().atMost(WAIT).until(() -> member.store.journal().readiness().ready());
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

    @Test
    void aWrongPasswordStopsTheStartAtOnceWithoutShowingIt() {
        var wrong = PostgresLocation.parse(cluster.url("postgres") + "?password=not-the-password", null);

        var failure = catchThrowableOfType(PostgresStartFailure.class,
                () -> FleetMember.join(PostgresSettings.of(wrong, null), Clock.systemUTC()));

        assertThat(failure.getMessage()).contains("password authentication failed").doesNotContain("not-the-password");
    }
}
