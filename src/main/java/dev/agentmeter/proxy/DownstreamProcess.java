package dev.agentmeter.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream MCP server, a child process spoken to over its stdin and stdout; its stderr is the proxy's own,
 * so whatever it logs passes straight through. Thread-safe.
 */
final class DownstreamProcess {

    private static final Logger log = LoggerFactory.getLogger(DownstreamProcess.class);

    private final Process process;

    private DownstreamProcess(Process process) {
        this.process = process;
    }

    static DownstreamProcess start(List<String> command) throws IOException {
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        return new DownstreamProcess(builder.start());
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the child to end by itself; its exit code. */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Closes the child's stdin, the MCP way to ask a stdio server to stop. */
    void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            log.debug("closing the downstream server's stdin: {}", e.toString());
        }
    }

    /**
     * Closes the child's stdin and gives it {@code grace} to exit; then ends it and its descendants.
     *
     * @return its exit code when it ended by itself within the grace, otherwise empty
     */
    java.util.OptionalInt stop(Duration grace) throws InterruptedException {
        closeStdin();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return java.util.OptionalInt.of(process.exitValue());
        }
        log.warn("the downstream server did not exit within {} ms of its stdin closing; ending it", grace.toMillis());
        destroyTree();
        return java.util.OptionalInt.empty();
    }

    /** Ends the child and every process it started, politely first, then by force. */
    void destroyTree() throws InterruptedException {
        var descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
