package dev.agentmeter.web.events;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open event stream and what it still has to send. It keeps at most one snapshot waiting (a newer one
 * replaces it: a client that falls behind skips to the latest) and one heartbeat, so a slow client costs one
 * frame of memory and never a blocked thread. Frames are written only while the sink is ready; when it is
 * not, the sink's next {@code onWritable} resumes the writing.
 *
 * <p>Thread-safe and non-blocking: offers come from the event scheduler, write callbacks from the container;
 * whichever arrives while another thread is writing leaves the work to that thread.
 */
final class EventClient implements EventSink.Listener {

    private static final Logger log = LoggerFactory.getLogger(EventClient.class);

    private final EventSink sink;
    private final Consumer<EventClient> onClose;
    // The newest snapshot not yet written: set by the scheduler, taken by the writing thread.
    private final AtomicReference<byte[]> pendingSnapshot = new AtomicReference<>();
    // A heartbeat not yet written: set by the scheduler, cleared by the writing thread.
    private final AtomicBoolean pendingPing = new AtomicBoolean();
    // Requests to write; the thread that raises it from 0 writes until it falls back to 0.
    private final AtomicInteger writeRequests = new AtomicInteger();
    // Set once, by whichever thread closes first.
    private final AtomicBoolean closed = new AtomicBoolean();
    // Only touched by the writing thread (writeRequests orders the hand-overs).
    private boolean flushNeeded;

    EventClient(EventSink sink, Consumer<EventClient> onClose) {
        this.sink = sink;
        this.onClose = onClose;
    }

    /** Queues {@code frame} in place of any snapshot still waiting. */
    void offerSnapshot(byte[] frame) {
        pendingSnapshot.set(frame);
        writeWhatIsPending();
    }

    void offerPing() {
        pendingPing.set(true);
        writeWhatIsPending();
    }

    boolean isClosed() {
        return closed.get();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            pendingSnapshot.set(null);
            sink.close();
            onClose.accept(this);
        }
    }

    @Override
    public void onWritable() {
        writeWhatIsPending();
    }

    @Override
    public void onClosed() {
        close();
    }

    private void writeWhatIsPending() {
        if (writeRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            writeWhileReady();
            requests = writeRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void writeWhileReady() {
        try {
            while (!closed.get() && sink.isReady()) {
                byte[] frame = nextFrame();
                if (frame != null) {
                    sink.write(frame);
                    flushNeeded = true;
                } else if (flushNeeded) {
                    flushNeeded = false;
                    sink.flush();
                } else {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Event stream closed after a failed write: {}", e.toString());
            close();
        }
    }

    private byte[] nextFrame() {
        byte[] snapshot = pendingSnapshot.getAndSet(null);
        if (snapshot != null) {
            // A snapshot is traffic too: it makes a waiting heartbeat redundant.
            pendingPing.set(false);
            return snapshot;
        }
        return pendingPing.getAndSet(false) ? EventFrames.PING : null;
    }
}
