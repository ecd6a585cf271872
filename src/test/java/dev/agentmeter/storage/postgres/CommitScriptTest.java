package dev.agentmeter.storage.postgres;

import static dev.agentmeter.storage.postgres.FleetMember.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.TaskRecord;

/** A group commit's statements: one transaction however many executions the driver's limits make of them. */
class CommitScriptTest {

    private PostgresLocation database;
    private Connection connection;

    @BeforeEach
    void migratedDatabase() throws Exception {
        database = PostgresCluster.shared().newDatabase();
        connection = FleetMember.connect(database);
        PostgresSchema.migrate(connection, PostgresSchema.CURRENT_VERSION);
        connection.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void moreRowsThanOneExecutionTakesStillCommitTogetherInOrder() throws Exception {
        var script = new CommitScript().add("SELECT pg_advisory_xact_lock(1)")
                .addInserts("me", tasks(3_000))
                .add("SELECT max(duration_micros) FROM tasks").add("COMMIT");

        Object last = script.run(connection);

        assertThat(last).isEqualTo(2_999L);
        assertThat(FleetMember.count(database, "SELECT count(*) FROM tasks")).isEqualTo(3_000);
        assertThat(FleetMember.count(database, "SELECT count(*) FROM tasks t WHERE duration_micros <> "
                + "(SELECT count(*) FROM tasks s WHERE s.id < t.id)")).as("rows out of order").isZero();
    }

    @Test
    void aFailingStatementLeavesNothingOfTheScriptBehind() throws Exception {
        var script = new CommitScript().addInserts("me", tasks(3_000)).add("SELECT 1 / 0").add("COMMIT");

        assertThatThrownBy(() -> script.run(connection)).isInstanceOf(SQLException.class)
                .hasMessageContaining("division by zero");
        connection.rollback();

        assertThat(FleetMember.count(database, "SELECT count(*) FROM tasks")).isZero();
    }

    private static List<TaskRecord> tasks(int count) {
        var tasks = new ArrayList<TaskRecord>();
        for (int i = 0; i < count; i++) {
            tasks.add(task("t" + (i % 7), i, i % 5 != 0, i));
        }
        return tasks;
    }
}
