package dev.agentmeter.mcp.stdio;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.stateless.StatelessStdio;

/**
 * stdout of the stdio transport as the MCP 2026-07-28 front end writes to it: its answers hold the transport's
 * in-flight permits as the session's do (so the reader stops reading while too many wait), its notifications take
 * the bounded notification places of {@link StdioOutput}.
 *
 * <p>Thread-safe.
 */
final class StdioModernLines implements StatelessStdio.StdioLines {

    private static final Logger log = LoggerFactory.getLogger(StdioModernLines.class);

    private final Semaphore inFlight;
    private final StdioOutput output;

    StdioModernLines(Semaphore inFlight, StdioOutput output) {
        this.inFlight = inFlight;
        this.output = output;
    }

    @Override
    public void reserve() {
        inFlight.acquireUninterruptibly();
    }

    @Override
    public void answer(List<String> lines) {
        for (int i = 0; i < lines.size() - 1; i++) {
            output.write(lines.get(i), () -> { });
        }
        output.write(lines.get(lines.size() - 1), inFlight::release);
    }

    @Override
    public void notification(String json) {
        output.notification(json.getBytes(StandardCharsets.UTF_8)).subscribe(null, fault -> log.debug("A notification was not sent: {}",
                fault.toString()));
    }
}
