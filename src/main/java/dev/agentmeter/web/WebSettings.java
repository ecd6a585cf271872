package dev.agentmeter.web;

/**
 * What the web server needs to know.
 *
 * @param host       address to bind
 * @param port       port to bind; 0 picks a free one
 * @param maxThreads Jetty's thread pool size
 */
public record WebSettings(String host, int port, int maxThreads) {
}
