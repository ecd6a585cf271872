package dev.agentmeter.web.events;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * An {@link EventSink} over an async servlet response, with the servlet API's non-blocking writes: no
 * thread ever waits for a slow client. A write that cannot finish is left to Jetty, whose idle timeout
 * fails it if the client never reads again; that failure closes the stream.
 */
public final class ServletEventSink implements EventSink {

    private final AsyncContext async;
    private final ServletOutputStream out;

    public ServletEventSink(AsyncContext async, ServletOutputStream out) {
        this.async = async;
        this.out = out;
    }

    @Override
    public void listen(Listener listener) {
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                listener.onClosed();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                listener.onClosed();
            }

            @Override
            public void onError(AsyncEvent event) {
                listener.onClosed();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // Not restarted.
            }
        });
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                listener.onWritable();
            }

            @Override
            public void onError(Throwable failure) {
                listener.onClosed();
            }
        });
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        out.write(frame);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // Already completed (the client left first): nothing left to close.
        }
    }
}
