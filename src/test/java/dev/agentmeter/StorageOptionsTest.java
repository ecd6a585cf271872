package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

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

        assertThat(help.stdout).contains("--data", "AGENTMETER_DATA", "--retention", "AGENTMETER_RETENTION");
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
