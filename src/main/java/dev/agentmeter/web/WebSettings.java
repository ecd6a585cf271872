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
 */
public record WebSettings(String host, int port, int maxThreads, int maxBodyBytes, int maxRequestHeaderBytes,
                          Duration idleTimeout, int maxEventStreams, Duration eventInterval,
                          Duration heartbeatInterval) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_EVENT_STREAMS = 32;
    public static final Duration DEFAULT_EVENT_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

    public WebSettings {
        Objects.requireNonNull(host, "host");
        requirePositive("maxThreads", maxThreads);
        requirePositive("maxBodyBytes", maxBodyBytes);
        requirePositive("maxRequestHeaderBytes", maxRequestHeaderBytes);
        requirePositive("maxEventStreams", maxEventStreams);
        requirePositive("idleTimeout", idleTimeout.toMillis());
        requirePositive("eventInterval", eventInterval.toMillis());
        requirePositive("heartbeatInterval", heartbeatInterval.toMillis());
    }

    /** The given address and threads with the default bounds. */
    public WebSettings(String host, int port, int maxThreads) {
        this(host, port, maxThreads, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REQUEST_HEADER_BYTES, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_EVENT_STREAMS, DEFAULT_EVENT_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
