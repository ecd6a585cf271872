package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/**
 * {@code --help}, the first thing a newcomer types, run as a newcomer runs it (its own process): the usage on
 * stdout, and not one warning on either stream (picocli warns about a description it cannot format).
 */
class HelpTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"--help", "proxy --help"})
    void helpPrintsTheUsageAndNoWarningOnEitherStream(String arguments) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.agentmeter.AgentMeter"));
        command.addAll(List.of(arguments.split(" ")));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("help ends").isTrue();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isZero();
        assertThat(stdout).startsWith("Usage: agentmeter").doesNotContainIgnoringCase("warn");
        assertThat(stderr).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"error_rate > 20%", "error_rate > 5% window=1m"})
    void theAlertExamplesKeepTheirPercentSigns(String example) throws Exception {
        var out = new StringWriter();
        var commandLine = new CommandLine(new AgentMeter());
        commandLine.setOut(new PrintWriter(out));

        commandLine.execute("--help");

        assertThat(out.toString().replaceAll("\\s+", " ")).contains(example);
    }
}
