package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code agentmeter} in a child JVM started from this build's class path, with its stderr collected. Every
 * wait is bounded; {@link #close} kills the process if it is still running.
 */
final class ServerProcess implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern DASHBOARD = Pattern.compile("AgentMeter dashboard: https?://[^:]+:(\\d+)/");

    private final Process process;
    // Appended by the reader thread, read by the test thread.
    private final StringBuffer stderr = new StringBuffer();
    private final Thread reader;

    private ServerProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readStderr, "server-process-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    static ServerProcess start(String... options) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.agentmeter.AgentMeter"));
        command.addAll(List.of(options));
        if (!List.of(options).contains("--data")) {
            command.addAll(List.of("--data", "none")); // no test leaves a database in the working tree
        }
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AGENTMETER_"));
        return new ServerProcess(builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** The HTTP port, once the process has announced it. */
    int awaitPort() {
        await().atMost(WAIT).until(() -> DASHBOARD.matcher(stderr).find() || !process.isAlive());
        Matcher matcher = DASHBOARD.matcher(stderr);
        assertThat(matcher.find()).as("the dashboard line; stderr:%n%s", stderr).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** Sends SIGTERM (what {@link Process#destroy} does on Linux). */
    void terminate() {
        process.destroy();
    }

    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the process ends within %s; stderr:%n%s", WAIT, stderr).isTrue();
        reader.join(WAIT.toMillis());
        return process.exitValue();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readStderr() {
        try (var lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                stderr.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
