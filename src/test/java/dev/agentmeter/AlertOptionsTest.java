package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Bad alert options stop the process at once, with exit code 2 and one line that says what to fix. */
class AlertOptionsTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var commandLine = new CommandLine(new AgentMeter());
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void anUnparsableRuleExitsWithTwoAndOneLine() {
        int exitCode = run("--port", "0", "--alert", "p95 > 2");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("agentmeter: invalid alert rule 'p95 > 2': a p95 threshold is a "
                + "duration in ms or s, such as 2s or 500ms" + System.lineSeparator());
    }

    @Test
    void aWebhookThatIsNotAnHttpUrlExitsWithTwoAndOneLine() {
        int exitCode = run("--port", "0", "--alert", "p95 > 2s", "--alert-webhook", "ftp://example.invalid/hook");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("agentmeter: --alert-webhook must be an http or https URL");
    }
}
