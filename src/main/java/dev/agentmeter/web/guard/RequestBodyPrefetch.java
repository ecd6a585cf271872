package dev.agentmeter.web.guard;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request body whole, before anything serves the request, without holding a thread while bytes are
 * awaited: a thread is taken only when bytes have arrived, to copy them. Servlets (ours, and the MCP SDK's, which
 * read bodies with blocking calls) then read from memory and never wait on the network, so clients that send
 * their bodies slowly, or announce one and never send it, hold no thread and cannot stop the server.
 *
 * <p>Bounds: a body must arrive within {@code timeout} of its headers (408 and the connection closed, otherwise);
 * at most its path's limit and one byte more is kept ({@link PrefetchedRequest} then stands for all of it, and the
 * connection closes after the answer). The rest of an oversized body is read and dropped, up to
 * {@value #MAX_DRAINED_BYTES} bytes, before the answer: a connection closed with unread bytes is reset, and a reset
 * can reach the client before the answer does, which then never sees its 413. And all bodies being read or waiting to be served hold at most
 * {@code maxBufferedBytes} together (503 with Retry-After beyond). A client that announced a body over its path's
 * limit and waits for {@code 100 Continue} is never asked for it.
 *
 * <p>Thread-safe.
 */
public final class RequestBodyPrefetch extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyPrefetch.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final int INITIAL_BUFFER_BYTES = 4096;
    /** How much of an oversized body is read and dropped before the answer, so the answer is not lost. */
    static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

    private final BodyLimits limits;
    private final Duration timeout;
    private final long maxBufferedBytes;
    // Bytes held by bodies being read or waiting to be served: added by readers, given back when requests end.
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final ThrottledLog slowBodies = new ThrottledLog(log, LOG_INTERVAL, System::nanoTime);
    private final ThrottledLog fullBuffers = new ThrottledLog(log, LOG_INTERVAL, System::nanoTime);

    public RequestBodyPrefetch(Handler handler, BodyLimits limits, Duration timeout, long maxBufferedBytes) {
        super(handler);
        this.limits = limits;
        this.timeout = timeout;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** Bytes of request bodies held in memory right now. */
    public long bufferedBytes() {
        return bufferedBytes.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return super.handle(request, response, callback);
        }
        int limit = limits.forPath(Request.getPathInContext(request));
        if (declared > limit && request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
            // Never asked for, the body is never sent: what serves the path refuses it by its declared length.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            return serve(new PrefetchedRequest(request, new byte[0], 0), response, callback);
        }
        new Reading(request, response, callback, limit).start();
        return true;
    }

    private boolean serve(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        return next != null && next.handle(request, response, callback);
    }

    private boolean take(long bytes) {
        long held;
        do {
            held = bufferedBytes.get();
            if (held + bytes > maxBufferedBytes) {
                return false;
            }
        } while (!bufferedBytes.compareAndSet(held, held + bytes));
        return true;
    }

    /**
     * One body being read: the demand callback copies what has arrived and asks for more, until the body ends
     * or reaches the limit; then the request is served. The deadline and the reader race to finish it; the first wins.
     */
    private final class Reading implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final int limit;
        // Set once by whichever finishes the reading: the reader (served, refused) or the deadline (408).
        private final AtomicBoolean finished = new AtomicBoolean();
        // Touched by the reader only (demand callbacks run one at a time).
        private byte[] body = new byte[INITIAL_BUFFER_BYTES];
        private int length;
        // Touched by the reader only: bytes past the kept ones, read and dropped.
        private long drained;
        // Bytes this body took from the budget: raised by the reader, given back when the request ends, and -1
        // from then on (bytes the reader takes later are given back at once).
        private final AtomicLong held = new AtomicLong();
        // Set by the starting thread before the first read; read by the reader.
        private volatile Scheduler.Task deadline;

        Reading(Request request, Response response, Callback callback, int limit) {
            this.request = request;
            this.response = response;
            this.callback = new Callback.Nested(callback) {
                @Override
                public void completed() {
                    long taken = held.getAndSet(-1);
                    if (taken > 0) {
                        bufferedBytes.addAndGet(-taken);
                    }
                }
            };
            this.limit = limit;
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(this::expire, timeout);
            run();
        }

        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    fail(chunk.getFailure());
                    return;
                }
                int arrived = chunk.remaining();
                int before = length;
                boolean kept = keep(chunk);
                boolean last = chunk.isLast();
                chunk.release();
                if (!kept) {
                    refuseForWantOfMemory();
                    return;
                }
                drained += arrived - (length - before);
                if (last || drained > MAX_DRAINED_BYTES) {
                    serveWhatWasRead(last);
                    return;
                }
            }
        }

        /** Copies the chunk's bytes, up to one past the limit; false when the budget has no room for them. */
        private boolean keep(Content.Chunk chunk) {
            int bytes = Math.min(chunk.remaining(), limit + 1 - length);
            if (bytes <= 0) {
                return true;
            }
            if (!take(bytes)) {
                return false;
            }
            if (held.getAndUpdate(bytesHeld -> bytesHeld < 0 ? bytesHeld : bytesHeld + bytes) < 0) {
                bufferedBytes.addAndGet(-bytes); // the request has already ended (the deadline answered it)
                return true;
            }
            if (length + bytes > body.length) {
                body = Arrays.copyOf(body, Math.max(length + bytes, Math.min(body.length * 2, limit + 1)));
            }
            chunk.getByteBuffer().get(body, length, bytes);
            length += bytes;
            return true;
        }

        private void serveWhatWasRead(boolean complete) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            if (!complete) {
                // The rest of the body stays on the wire: this connection carries no further request.
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            }
            var prefetched = new PrefetchedRequest(request, body, length);
            try {
                if (!serve(prefetched, response, callback)) {
                    Response.writeError(prefetched, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(prefetched, response, callback, failure);
            }
        }

        private void expire() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            slowBodies.warn("Answered 408 to {}: its request body had not arrived {} s after its headers (a slow "
                    + "client, or an attack); the connection is closed", Request.getRemoteAddr(request),
                    timeout.toSeconds());
            answer(HttpStatus.REQUEST_TIMEOUT_408);
        }

        private void refuseForWantOfMemory() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            fullBuffers.warn("Answered 503 to {}: request bodies being received hold {} bytes already, the most "
                    + "allowed", Request.getRemoteAddr(request), maxBufferedBytes);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            answer(HttpStatus.SERVICE_UNAVAILABLE_503);
        }

        private void fail(Throwable failure) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            // The client broke off or sent bad framing: Jetty answers what it can (400) and closes.
            Response.writeError(request, response, callback, failure);
        }

        private void answer(int status) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            Response.writeError(request, response, callback, status);
        }
    }
}
