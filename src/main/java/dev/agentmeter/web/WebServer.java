package dev.agentmeter.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;

import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one embedded Jetty server: dashboard, JSON API, event stream, health, and whatever other servlets
 * the wiring mounts (MCP's Streamable HTTP endpoint at {@code /mcp}). Binds loopback unless told otherwise.
 *
 * <p>Not thread-safe to configure; {@link #start} and {@link #stop} once each, from one thread.
 */
public final class WebServer {

    private final WebSettings settings;
    private final PerformanceOperations operations;
    private final JsonCodec json;
    private final Map<String, HttpServlet> mounts = new LinkedHashMap<>();
    private Server server;
    private ServerConnector connector;

    public WebServer(WebSettings settings, PerformanceOperations operations, JsonCodec json) {
        this.settings = settings;
        this.operations = operations;
        this.json = json;
    }

    /** Mounts {@code servlet} at {@code pathSpec} (a servlet path spec such as {@code /mcp}); before start. */
    public WebServer mount(String pathSpec, HttpServlet servlet) {
        if (server != null) {
            throw new IllegalStateException("mount before start");
        }
        mounts.put(pathSpec, servlet);
        return this;
    }

    /** Starts listening; the port is known once this returns. */
    public void start() throws Exception {
        var threads = new QueuedThreadPool(settings.maxThreads(), 4);
        threads.setName("agentmeter-http");
        server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);

        var context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder("health", new HealthServlet()), "/health");
        mounts.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        server.setHandler(context);
        server.setStopAtShutdown(false);
        server.start();
    }

    /** The bound port (the real one when the settings asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The dashboard's address, as announced on stderr. */
    public String dashboardUrl() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
