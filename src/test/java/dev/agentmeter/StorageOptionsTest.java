package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import dev.agentmeter.storage.postgres.PostgresCluster;
import picocli.CommandLine;

/** The storage options on the command line: a bad value is refused with a message that says what to write. */
class StorageOptionsTest {

    @Test
    void aRetentionWithoutAKnownUnitIsRefused() {
        var refusal = run("--retention", "7w");

        assertThat(refusal.exitCode).isEqualTo(2);
        assertThat(refusal.stderr).contains("--retention must be a positive number followed by s, m, h or d");
    }

    @Test
    void anEmptyDataFolderIsRefused() {
        var refusal = run("--data", " ");

        assertThat(refusal.exitCode).isEqualTo(2);
        assertThat(refusal.stderr).contains("--data needs a folder, or 'none'");
    }

    @Test
    void helpListsTheStorageOptionsWithTheirVariables() {
        var help = run("--help");

        assertThat(help.stdout).contains("--data", "AGENTMETER_DATA", "--retention", "AGENTMETER_RETENTION",
                "PostgreSQL database", "AGENTMETER_DB_PASSWORD");
    }

    @Test
    void aPostgresUrlWithoutADatabaseIsRefusedWithoutQuotingItsPassword() {
        var refusal = run("--data", "postgresql://meter:s3cret@db.internal:5432");

        assertThat(refusal.exitCode).isEqualTo(2);
        assertThat(refusal.stderr).contains("--data: cannot read the PostgreSQL URL: it names no database")
                .doesNotContain("s3cret");
    }

    @Test
    void aDatabaseThatRefusesThePasswordStopsTheStartWithOneLineThatDoesNotQuoteIt() {
        var cluster = PostgresCluster.shared();

        var refusal = run("--port", "0", "--data", cluster.url("postgres").replace("agentmeter@",
                "agentmeter:not-the-password@"));

        assertThat(refusal.exitCode).isEqualTo(1);
        assertThat(refusal.stderr).startsWith("agentmeter: cannot use postgresql://agentmeter@127.0.0.1:")
                .contains("password authentication failed").doesNotContain("not-the-password");
    }

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private static Outcome run(String... arguments) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = new CommandLine(new AgentMeter());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(arguments);
        return new Outcome(exitCode, out.toString(), err.toString());
    }
}
