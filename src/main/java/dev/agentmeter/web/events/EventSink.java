package dev.agentmeter.web.events;

import java.io.IOException;

/**
 * The write side of one open event stream, non-blocking: write only while {@link #isReady()} says so; when
 * it says no, the listener hears {@link Listener#onWritable()} once writing is possible again.
 *
 * <p>Not thread-safe: one thread at a time may call {@code isReady}, {@code write} and {@code flush}.
 */
public interface EventSink {

    /** Starts the callbacks; once, before anything is written. */
    void listen(Listener listener);

    boolean isReady();

    /** Queues {@code frame}; only after {@link #isReady()} returned true. */
    void write(byte[] frame) throws IOException;

    /** Sends what was queued; only after {@link #isReady()} returned true. */
    void flush() throws IOException;

    /** Ends the stream; safe to call more than once and from any thread. */
    void close();

    /** What the sink reports. Callbacks come from container threads and must return at once. */
    interface Listener {
        void onWritable();

        /** The stream ended: the client left, a write failed, or it was closed. */
        void onClosed();
    }
}
