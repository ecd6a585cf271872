package dev.agentmeter.mcp.http;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.agentmeter.mcp.AnswerText;

/**
 * The response the SDK's servlet writes one MCP request's answer to, watched on its way through: the SDK writes
 * each message as one string (a JSON body, or the {@code data:} line of a server-sent event), and the first
 * JSON-RPC answer among them is read by {@link AnswerText}. Every byte passes through unchanged.
 *
 * <p>The SDK writes from its own threads while the request's thread waits for it; {@link #answer} is read by that
 * thread once the SDK's {@code service} has returned, hence the volatile field.
 */
final class AnswerWatch extends HttpServletResponseWrapper {

    private static final String EVENT_DATA = "data: ";

    // Written by whichever thread the SDK writes the answer on, read by the request's thread afterwards.
    private volatile AnswerText.Answer answer;
    // Created on the first getWriter, by the thread the SDK asks on.
    private PrintWriter writer;

    AnswerWatch(HttpServletResponse response) {
        super(response);
    }

    /** The first JSON-RPC answer written, or {@code null} when none was. */
    AnswerText.Answer answer() {
        return answer;
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(super.getWriter()) {
                @Override
                public void write(String text) {
                    watch(text);
                    super.write(text);
                }
            };
        }
        return writer;
    }

    private void watch(String text) {
        if (answer != null) {
            return;
        }
        if (text.startsWith(EVENT_DATA)) {
            answer = AnswerText.read(text.substring(EVENT_DATA.length()));
        } else if (text.startsWith("{")) {
            answer = AnswerText.read(text);
        }
    }
}
