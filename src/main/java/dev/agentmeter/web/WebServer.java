package dev.agentmeter.web;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;

import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
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

    private static final String DASHBOARD_FOLDER = "dashboard/";
    private static final String UPLOT_FOLDER = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private final WebSettings settings;
    private final PerformanceOperations operations;
    private final JsonCodec json;
    private final WebExtensions extensions;
    private final Map<String, HttpServlet> mounts = new LinkedHashMap<>();
    private Server server;
    private ServerConnector connector;
    // Set by start, on the starting thread; read by scrapes on request threads.
    private volatile EventStream events;

    public WebServer(WebSettings settings, PerformanceOperations operations, JsonCodec json) {
        this(settings, operations, json, WebExtensions.none());
    }

    public WebServer(WebSettings settings, PerformanceOperations operations, JsonCodec json, WebExtensions extensions) {
        this.settings = settings;
        this.operations = operations;
        this.json = json;
        this.extensions = extensions;
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
        server.addConnector(connector());
        server.setErrorHandler(new JsonErrorHandler(json));

        events = new EventStream(operations, extensions.alerts(), json, settings.maxEventStreams(),
                settings.eventInterval(), settings.heartbeatInterval());
        extensions.alertChanges().accept(events::onAlertChange);
        server.setHandler(context());
        server.setStopAtShutdown(false);
        server.start();
        events.start();
    }

    /** The bound port (the real one when the settings asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Live dashboard streams open now; 0 before start. */
    public int openEventStreams() {
        EventStream stream = events;
        return stream == null ? 0 : stream.openStreams();
    }

    /** The dashboard's address, as announced on stderr. */
    public String dashboardUrl() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    public void stop() throws Exception {
        if (events != null) {
            // First, so that open streams are finished rather than waited for.
            events.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    private ServerConnector connector() {
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(settings.maxRequestHeaderBytes());
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        return connector;
    }

    private ServletContextHandler context() {
        var context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler(json));
        addFilter(context, new UncaughtFailureFilter(json), "/*");
        addFilter(context, new SecurityHeadersFilter(), "/*");
        // Only our own API: a mounted servlet (MCP) bounds its own bodies and answers in its own protocol.
        addFilter(context, new BodyLimitFilter(settings.maxBodyBytes(), json), "/api/*");

        var api = new ServletHolder("api", new ApiServlet(new JsonApi(
                ApiRoutes.of(operations, events, json, extensions), new EnvelopeResponder(json),
                extensions.observer(), System::nanoTime), json));
        api.setAsyncSupported(true);
        context.getServletHandler().addServletWithMapping(api, "/api/*");
        context.getServletHandler().addServletWithMapping(api, "/health");
        context.getServletHandler().addServletWithMapping(api, "/metrics");

        var classLoader = WebServer.class.getClassLoader();
        var files = new StaticFilesServlet(List.of(
                new ClasspathFolder("/vendor/uplot/", UPLOT_FOLDER, null, classLoader),
                new ClasspathFolder("/", DASHBOARD_FOLDER, "index.html", classLoader)), json);
        context.addServlet(new ServletHolder("dashboard", files), "/");

        mounts.forEach((path, servlet) -> {
            var holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            context.addServlet(holder, path);
        });
        return context;
    }

    private static void addFilter(ServletContextHandler context, Filter filter, String pathSpec) {
        var holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }
}
