package dev.agentmeter.mcp.http;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/** Runs {@code onEnd} once an asynchronous response (a GET's event stream) has completed. Thread-safe. */
final class StreamEnd implements AsyncListener {

    private final Runnable onEnd;

    StreamEnd(Runnable onEnd) {
        this.onEnd = onEnd;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        onEnd.run();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // The stream's completion follows, and is heard there.
    }

    @Override
    public void onError(AsyncEvent event) {
        // The stream's completion follows, and is heard there.
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Nothing to do until it ends.
    }
}
