package dev.agentmeter.mcp.stdio;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.stateless.StatelessStdio;

/**
 * stdout of the stdio transport as the MCP 2026-07-28 front end writes to it: its answers are owed as the
 * session's are ({@link AnswersOwed}: the reader stops reading while too many wait), its notifications take the
 * bounded notification places of {@link StdioOutput}.
 *
 * <p>Thread-safe.
 */
final class StdioModernLines implements StatelessStdio.StdioLines {

    private static final Logger log = LoggerFactory.getLogger(StdioModernLines.class);

    private final AnswersOwed owed;
    private final StdioOutput output;

    StdioModernLines(AnswersOwed owed, StdioOutput output) {
        this.owed = owed;
        this.output = output;
    }

    @Override
    public void reserve() {
        owed.take();
    }

    @Override
    public void answer(List<String> lines) {
        for (int i = 0; i < lines.size() - 1; i++) {
            output.write(lines.get(i), () -> { });
        }
        output.write(lines.get(lines.size() - 1), owed::giveBack);
    }

    @Override
    public void notification(String json) {
        output.notification(json.getBytes(StandardCharsets.UTF_8))
                .subscribe(null, fault -> log.debug("A notification was not sent: {}", fault.toString()));
    }
}
