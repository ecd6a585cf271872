package dev.agentmeter.mcp.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The response the SDK's servlet writes a request's event stream to, sent as the Streamable HTTP transport allows
 * and as costs least: when the stream holds only the request's answer, as one {@code application/json} body with a
 * Content-Length (the spec lets a server answer a POST either way, and a client must accept both); when anything
 * comes before the answer (a notification or a request of the server's), as the {@code text/event-stream} the SDK
 * wrote, from that message on.
 *
 * <p>Only an event stream is held: any other body the SDK writes (its JSON errors) goes straight through. The first
 * event is held until it is known to be the answer; the answer is then the event's {@code data}, exactly as the SDK
 * wrote it, sent by {@link #finish} once the SDK has returned.
 *
 * <p>Thread-safe: the SDK writes events from whichever thread has them, under its own lock; the state here is
 * guarded by this.
 */
final class SingleAnswerResponse extends HttpServletResponseWrapper {

    private static final String EVENT_STREAM = "text/event-stream";
    private static final String DATA = "data: ";
    private static final JsonFactory JSON = new JsonFactory();

    // Guarded by this: whether the SDK declared an event stream; what it wrote and is not sent yet; how much of
    // that is one event already known to be the answer; whether the stream is sent as it comes.
    private boolean eventStream;
    private final StringBuilder held = new StringBuilder(1024);
    private int answerLength;
    private boolean streaming;
    private PrintWriter writer;

    SingleAnswerResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public synchronized void setContentType(String type) {
        if (type != null && type.startsWith(EVENT_STREAM) && !streaming) {
            eventStream = true;
            return;
        }
        super.setContentType(type);
    }

    @Override
    public synchronized void setHeader(String name, String value) {
        if (eventStream && !streaming) {
            return; // the stream's Cache-Control and Connection: set again when it is sent as a stream
        }
        super.setHeader(name, value);
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (!eventStream) {
            return super.getWriter();
        }
        if (writer == null) {
            writer = new PrintWriter(new EventWriter());
        }
        return writer;
    }

    /** Sends what is held, once the SDK has returned: the answer as JSON, or the rest of the stream. */
    synchronized void finish() throws IOException {
        if (!eventStream || held.length() == 0) {
            return;
        }
        if (streaming || answerLength != held.length()) {
            startStreaming();
            return;
        }
        byte[] body = dataOf(held).getBytes(StandardCharsets.UTF_8);
        held.setLength(0);
        super.setContentType("application/json");
        super.setCharacterEncoding("UTF-8");
        super.setContentLength(body.length);
        getResponse().getOutputStream().write(body);
    }

    /** The SDK flushes after each event: the first is held if it is the answer; anything else starts the stream. */
    private synchronized void flushed() throws IOException {
        if (streaming) {
            super.getWriter().flush();
        } else if (held.length() != answerLength) {
            if (answerLength == 0 && isResponse(dataOf(held))) {
                answerLength = held.length();
            } else {
                startStreaming();
            }
        }
    }

    private synchronized void write(char[] chars, int offset, int length) throws IOException {
        if (streaming) {
            super.getWriter().write(chars, offset, length);
        } else {
            held.append(chars, offset, length);
        }
    }

    private void startStreaming() throws IOException {
        streaming = true;
        super.setContentType(EVENT_STREAM);
        super.setHeader("Cache-Control", "no-cache");
        PrintWriter out = super.getWriter();
        out.write(held.toString());
        held.setLength(0);
        out.flush();
    }

    /** The {@code data} of the first event held: one line of JSON, as the SDK writes every message. */
    private static String dataOf(CharSequence events) {
        String text = events.toString();
        int line = text.startsWith(DATA) ? 0 : text.indexOf("\n" + DATA);
        if (line < 0) {
            return "";
        }
        int start = line == 0 && text.startsWith(DATA) ? DATA.length() : line + 1 + DATA.length();
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /**
     * Whether {@code message} is a JSON-RPC response: it has a {@code result} or an {@code error} and no
     * {@code method}. Read only up to the first of these members, so a large result is not read twice.
     */
    private static boolean isResponse(String message) {
        try (JsonParser parser = JSON.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if ("method".equals(name)) {
                    return false;
                }
                if ("result".equals(name) || "error".equals(name)) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The SDK's writer: collects what it writes; each flush ends an event. */
    private final class EventWriter extends Writer {
        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            SingleAnswerResponse.this.write(chars, offset, length);
        }

        @Override
        public void flush() throws IOException {
            flushed();
        }

        @Override
        public void close() throws IOException {
            flushed();
        }
    }
}
