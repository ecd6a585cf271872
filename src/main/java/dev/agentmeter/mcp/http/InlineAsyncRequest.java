package dev.agentmeter.mcp.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A POST handed to the SDK's servlet, whose "asynchronous" answer in fact happens on the request's own thread: the
 * SDK starts async processing for every request, then blocks that thread until the answer is written and completes
 * it. Here {@link #startAsync()} gives it a context that only records its listeners and runs them on
 * {@link AsyncContext#complete()}, so the container never enters its asynchronous states (no second dispatch, no
 * chunked stream held open) and the answer can be sent whole once the SDK returns (see {@link SingleAnswerResponse}).
 *
 * <p>Not thread-safe in general (one request); {@code complete} may come from the thread that wrote the answer.
 */
final class InlineAsyncRequest extends HttpServletRequestWrapper {

    private static final Logger log = LoggerFactory.getLogger(InlineAsyncRequest.class);

    private final ServletResponse response;
    // Set by the request thread when the SDK starts "async"; read by the same thread after the SDK returns.
    private Inline context;

    InlineAsyncRequest(HttpServletRequest request, ServletResponse response) {
        super(request);
        this.response = response;
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        if (context != null) {
            throw new IllegalStateException("async already started");
        }
        context = new Inline(request, response);
        return context;
    }

    @Override
    public boolean isAsyncStarted() {
        return context != null && !context.completed;
    }

    @Override
    public boolean isAsyncSupported() {
        return true;
    }

    @Override
    public AsyncContext getAsyncContext() {
        if (context == null) {
            throw new IllegalStateException("async not started");
        }
        return context;
    }

    /** Whether the SDK started "async" and has completed it since: its answer is all written. */
    boolean completed() {
        return context != null && context.completed;
    }

    /** The context the SDK completes when its answer is written. */
    private static final class Inline implements AsyncContext {
        private final ServletRequest request;
        private final ServletResponse response;
        // Added to by the request thread before the handler runs; read by whichever thread completes.
        private final List<AsyncListener> listeners = new ArrayList<>();
        // Set by the thread that completes (under this), read by the request thread after the SDK returned.
        private volatile boolean completed;
        private long timeoutMillis;

        Inline(ServletRequest request, ServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public ServletRequest getRequest() {
            return request;
        }

        @Override
        public ServletResponse getResponse() {
            return response;
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return false;
        }

        @Override
        public void dispatch() {
            throw new UnsupportedOperationException("an inline answer is never dispatched again");
        }

        @Override
        public void dispatch(String path) {
            dispatch();
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            dispatch();
        }

        @Override
        public synchronized void complete() {
            if (completed) {
                return;
            }
            completed = true;
            List<AsyncListener> toTell;
            synchronized (listeners) {
                toTell = List.copyOf(listeners);
            }
            for (AsyncListener listener : toTell) {
                try {
                    listener.onComplete(new AsyncEvent(this, request, response));
                } catch (IOException | RuntimeException e) {
                    log.warn("An MCP answer's completion listener failed: {}", e.toString());
                }
            }
        }

        @Override
        public void start(Runnable run) {
            run.run();
        }

        @Override
        public void addListener(AsyncListener listener) {
            synchronized (listeners) {
                listeners.add(listener);
            }
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            addListener(listener);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) {
            throw new UnsupportedOperationException("listeners are added, not created, here");
        }

        @Override
        public void setTimeout(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public long getTimeout() {
            return timeoutMillis;
        }
    }
}
