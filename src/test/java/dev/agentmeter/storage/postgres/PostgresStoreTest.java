package dev.agentmeter.storage.postgres;

import static dev.agentmeter.storage.postgres.FleetMember.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.FleetInstanceView;
import dev.agentmeter.testing.MutableClock;

/** The store on one real database: acknowledged means committed, the rebuild, retention, the instance list. */
class PostgresStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private PostgresLocation database;

    @BeforeEach
    void newDatabase() {
        database = PostgresCluster.shared().newDatabase();
    }

    @Test
    void aTaskIsCommittedBeforeItsRecordingCompletes() throws Exception {
        try (var member = FleetMember.join(database)) {
            member.recorder.record(task("search", 1_500, true, 0)).join();

            assertThat(FleetMember.count(database, "SELECT count(*) FROM tasks WHERE name = 'search'")).isEqualTo(1);
            assertThat(member.store.journal().readiness().ready()).isTrue();
        }
    }

    @Test
    void aRestartRebuildsTheFiguresWithModelCallsAndTraces() throws Exception {
        var call = new ModelCall("claude-sonnet-4-5", "anthropic", 1_200L, 340L, 1_000L, null, 4_560_000L);
        var modelTask = new TaskRecord("chat claude-sonnet-4-5", 2_000_000, true, null,
                FleetMember.START.plusSeconds(5), "planner", call, "0af7651916cd43dd8448eb211c80319c");
        try (var first = FleetMember.join(database)) {
            first.recorder.record(task("search", 1_500, true, 0)).join();
            first.recorder.record(task("fetch", 9_000, false, 1)).join();
            first.recorder.record(modelTask).join();
        }

        try (var restarted = FleetMember.join(database)) {
            assertThat(restarted.store.rebuiltTasks()).isEqualTo(3);
            assertThat(restarted.metrics.history(10)).containsExactly(modelTask, task("fetch", 9_000, false, 1),
                    task("search", 1_500, true, 0));
            assertThat(restarted.metrics.errors(10)).extracting(TaskRecord::error).containsExactly("boom fetch");
        }
    }

    @Test
    void aTextWithANulCharacterIsStoredInsteadOfFailingItsWholeBatch() throws Exception {
        try (var member = FleetMember.join(database)) {
            member.recorder.record(new TaskRecord("odd", 10, false, "bad\u0000byte", FleetMember.START)).join();
            member.recorder.record(task("after", 10, true, 1)).join();
        }
        try (var restarted = FleetMember.join(database)) {
            assertThat(restarted.metrics.errors(10)).extracting(TaskRecord::error).containsExactly("bad\uFFFDbyte");
            assertThat(restarted.total()).isEqualTo(2);
        }
    }

    @Test
    void rowsOlderThanTheRetentionAreDeletedAtStartBeforeTheRebuild() throws Exception {
        try (var first = FleetMember.join(database)) {
            first.recorder.record(task("old", 10, true, 0)).join();
            first.recorder.record(task("recent", 10, true, 3 * 3600)).join();
        }
        var clock = new MutableClock(FleetMember.START.plus(Duration.ofHours(4)));
        try (var restarted = FleetMember.join(PostgresSettings.of(database, Duration.ofHours(2)), clock)) {
            assertThat(restarted.metrics.history(10)).extracting(TaskRecord::name).containsExactly("recent");
            assertThat(FleetMember.count(database, "SELECT count(*) FROM tasks")).isEqualTo(1);
        }
    }

    @Test
    void theBackgroundSweepDeletesOldRowsInSmallBatches() throws Exception {
        var clock = new MutableClock(FleetMember.START);
        var settings = PostgresSettings.of(database, Duration.ofHours(1)).withPruning(Duration.ofMillis(20), 3);
        try (var member = FleetMember.join(settings, clock)) {
            for (int i = 0; i < 10; i++) {
                member.recorder.record(task("old", 10, true, i)).join();
            }
            member.recorder.record(task("recent", 10, true, 7200)).join();

            clock.advance(Duration.ofHours(2));

            Awaitility.await().atMost(WAIT).until(() -> FleetMember.count(database, "SELECT count(*) FROM tasks") == 1);
        }
    }

    @Test
    void everyInstanceListsTheOthersAndForgetsOneThatLeft() throws Exception {
        var quick = PostgresSettings.of(database, null).withHeartbeatInterval(Duration.ofMillis(200));
        try (var first = FleetMember.join(quick, java.time.Clock.systemUTC())) {
            String leaving;
            try (var second = FleetMember.join(quick, java.time.Clock.systemUTC())) {
                leaving = second.store.instanceId();
                Awaitility.await().atMost(WAIT).until(() -> first.store.instances().size() == 2);
                assertThat(first.store.instances()).allMatch(FleetInstanceView::alive)
                        .filteredOn(FleetInstanceView::thisInstance).extracting(FleetInstanceView::id)
                        .containsExactly(first.store.instanceId());
                assertThat(first.store.instances()).allSatisfy(instance -> {
                    assertThat(instance.host()).isNotBlank();
                    assertThat(Instant.parse(instance.lastSeenAt()))
                            .isAfterOrEqualTo(Instant.parse(instance.startedAt()));
                });
            }
            Awaitility.await().atMost(WAIT).until(() -> first.store.instances().stream()
                    .noneMatch(instance -> instance.id().equals(leaving)));
        }
    }
}
