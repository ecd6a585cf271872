package dev.agentmeter.web.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventSink} whose readiness the test decides, recording what was written and flushed. */
final class FakeSink implements EventSink {

    final List<String> written = new CopyOnWriteArrayList<>();
    volatile boolean ready;
    volatile boolean failWrites;
    volatile int flushes;
    volatile int closes;
    volatile Listener listener;

    @Override
    public void listen(Listener listener) {
        this.listener = listener;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void write(byte[] frame) throws IOException {
        if (failWrites) {
            throw new IOException("broken pipe");
        }
        written.add(new String(frame, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closes++;
    }
}
