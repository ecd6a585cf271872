package dev.agentmeter.web;

import java.time.Duration;
import java.util.Objects;

/**
 * What the web server needs to know, with the bounds that keep one client from taking the whole server.
 *
 * @param host                  address to bind
 * @param port                  port to bind; 0 picks a free one
 * @param maxThreads            Jetty's thread pool size
 * @param maxBodyBytes          largest request body accepted, counted while reading
 * @param maxRequestHeaderBytes largest request line plus headers accepted
 * @param idleTimeout           a connection with no traffic for this long is closed
 * @param maxEventStreams       event streams open at once; one more is refused
 * @param eventInterval         shortest gap between two snapshots on the event stream
 * @param heartbeatInterval     gap between keep-alive comments on the event stream
 * @param requestReadTimeout    a request's headers must arrive within this of their first byte, and its body
 *                              within this of its headers (bytes trickling in do not extend it)
 * @param maxConnections        connections open at once; beyond, new ones wait until one closes
 * @param maxBufferedBodyBytes  bytes of request bodies held in memory at once, while they arrive and until their
 *                              requests are answered; a body beyond gets 503
 */
public record WebSettings(String host, int port, int maxThreads, int maxBodyBytes, int maxRequestHeaderBytes,
                          Duration idleTimeout, int maxEventStreams, Duration eventInterval,
                          Duration heartbeatInterval, Duration requestReadTimeout, int maxConnections,
                          long maxBufferedBodyBytes) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_EVENT_STREAMS = 32;
    public static final Duration DEFAULT_EVENT_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_CONNECTIONS = 2_000;
    public static final long DEFAULT_MAX_BUFFERED_BODY_BYTES = 64L * 1024 * 1024;

    public WebSettings {
        Objects.requireNonNull(host, "host");
        requirePositive("maxThreads", maxThreads);
        requirePositive("maxBodyBytes", maxBodyBytes);
        requirePositive("maxRequestHeaderBytes", maxRequestHeaderBytes);
        requirePositive("maxEventStreams", maxEventStreams);
        requirePositive("idleTimeout", idleTimeout.toMillis());
        requirePositive("eventInterval", eventInterval.toMillis());
        requirePositive("heartbeatInterval", heartbeatInterval.toMillis());
        requirePositive("requestReadTimeout", requestReadTimeout.toMillis());
        requirePositive("maxConnections", maxConnections);
        if (maxBufferedBodyBytes <= maxBodyBytes) {
            throw new IllegalArgumentException("maxBufferedBodyBytes must hold more than one body of "
                    + maxBodyBytes + " bytes, was " + maxBufferedBodyBytes);
        }
    }

    /** These bounds, with the default deadline for requests to arrive and the default caps on connections. */
    public WebSettings(String host, int port, int maxThreads, int maxBodyBytes, int maxRequestHeaderBytes,
                       Duration idleTimeout, int maxEventStreams, Duration eventInterval, Duration heartbeatInterval) {
        this(host, port, maxThreads, maxBodyBytes, maxRequestHeaderBytes, idleTimeout, maxEventStreams, eventInterval,
                heartbeatInterval, DEFAULT_REQUEST_READ_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_BUFFERED_BODY_BYTES);
    }

    /** The given address and threads with the default bounds. */
    public WebSettings(String host, int port, int maxThreads) {
        this(host, port, maxThreads, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REQUEST_HEADER_BYTES, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_EVENT_STREAMS, DEFAULT_EVENT_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL);
    }

    /** These settings with another deadline for a request's headers, and then its body, to arrive. */
    public WebSettings withRequestReadTimeout(Duration timeout) {
        return new WebSettings(host, port, maxThreads, maxBodyBytes, maxRequestHeaderBytes, idleTimeout,
                maxEventStreams, eventInterval, heartbeatInterval, timeout, maxConnections, maxBufferedBodyBytes);
    }

    /** These settings with another cap on open connections. */
    public WebSettings withMaxConnections(int connections) {
        return new WebSettings(host, port, maxThreads, maxBodyBytes, maxRequestHeaderBytes, idleTimeout,
                maxEventStreams, eventInterval, heartbeatInterval, requestReadTimeout, connections,
                maxBufferedBodyBytes);
    }

    /** These settings with another bound on the bytes of request bodies held at once. */
    public WebSettings withMaxBufferedBodyBytes(long bytes) {
        return new WebSettings(host, port, maxThreads, maxBodyBytes, maxRequestHeaderBytes, idleTimeout,
                maxEventStreams, eventInterval, heartbeatInterval, requestReadTimeout, maxConnections, bytes);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
