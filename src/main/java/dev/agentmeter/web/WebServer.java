package dev.agentmeter.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServlet;

import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.web.api.ApiRoutes;
import dev.agentmeter.web.api.ApiServlet;
import dev.agentmeter.web.api.EnvelopeResponder;
import dev.agentmeter.web.api.JsonApi;
import dev.agentmeter.web.api.WebExtensions;
import dev.agentmeter.web.events.EventStream;
import dev.agentmeter.web.files.ClasspathFolder;
import dev.agentmeter.web.files.StaticFilesServlet;
import dev.agentmeter.web.guard.BodyLimits;
import dev.agentmeter.web.guard.ConnectionCap;
import dev.agentmeter.web.guard.JsonErrorHandler;
import dev.agentmeter.web.guard.RequestBodyPrefetch;
import dev.agentmeter.web.guard.SlowHeaderSweeper;
import dev.agentmeter.web.login.AccessFilter;
import dev.agentmeter.web.files.WebJars;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one embedded Jetty server: dashboard, JSON API, event stream, health, and whatever other servlets
 * the wiring mounts (MCP's Streamable HTTP endpoint at {@code /mcp}). Binds loopback unless told otherwise.
 * Slow clients hold no thread: headers and bodies must arrive within a deadline, bodies are read whole before
 * any servlet runs ({@link RequestBodyPrefetch}, {@link SlowHeaderSweeper}), and connections are capped.
 *
 * <p>It binds its port first, then starts Jetty on it: at once ({@link #start}), or when the first connection
 * arrives ({@link #startOnFirstConnection}), for a process whose dashboard may never be opened.
 *
 * <p>Not thread-safe to configure: mount, then one of the two starts, from one thread. {@link #stop} may come from
 * any thread, once, at any time after that start; the getters from any thread.
 */
public final class WebServer {

    private static final String DASHBOARD_FOLDER = "dashboard/";

    /** Port bound, Jetty not started; Jetty starting or started; stopped (from either). */
    private enum Phase { LISTENING, SERVING, STOPPED }

    private final WebSettings settings;
    private final WebSecurity security;
    private final PerformanceOperations operations;
    private final JsonCodec json;
    private final WebExtensions extensions;
    private final Map<String, Supplier<? extends HttpServlet>> mounts = new LinkedHashMap<>();
    private final Map<String, Integer> mountedBodyLimits = new LinkedHashMap<>();
    private final List<String> bodyLimitedMounts = new ArrayList<>();
    // Set once by the start, before Jetty starts; read by stop and the port's readers, on any thread.
    private volatile ListeningPort listening;
    // Moved on by the thread that starts Jetty and by stop: Jetty starts only from LISTENING, and only once.
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.LISTENING);
    // Counted down when Jetty's start has returned or failed: what a stop after SERVING waits for.
    private final CountDownLatch startEnded = new CountDownLatch(1);
    // Written by the thread that starts Jetty, before startEnded; read by stop after it, and by the getters.
    private volatile Server server;
    private volatile ServerConnector connector;
    // Set by start, on the starting thread; read by scrapes on request threads.
    private volatile EventStream events;
    // Set by start, on the starting thread; read by whoever asks how much memory bodies hold.
    private volatile RequestBodyPrefetch prefetch;

    public WebServer(WebSettings settings, PerformanceOperations operations, JsonCodec json) {
        this(settings, WebSecurity.none(), operations, json, WebExtensions.none());
    }

    public WebServer(WebSettings settings, WebSecurity security, PerformanceOperations operations, JsonCodec json,
                     WebExtensions extensions) {
        this.settings = settings;
        this.security = security;
        this.operations = operations;
        this.json = json;
        this.extensions = extensions;
    }

    /**
     * Mounts the servlet {@code servlet} makes at {@code pathSpec} (a servlet path spec such as {@code /mcp/*});
     * before start. It is made when Jetty starts (so not at all while a start on the first connection waits), on
     * the thread that starts it. Its bodies may be as large as the JSON API's.
     */
    public WebServer mount(String pathSpec, Supplier<? extends HttpServlet> servlet) {
        return mount(pathSpec, servlet, settings.maxBodyBytes());
    }

    /**
     * Mounts the servlet {@code servlet} makes at {@code pathSpec}, taking bodies of up to {@code maxBodyBytes};
     * before start. Bodies are read whole before the servlet runs, and one over the limit reaches it cut to the
     * limit and one byte more: the servlet must refuse bodies over its limit itself.
     */
    public WebServer mount(String pathSpec, Supplier<? extends HttpServlet> servlet, int maxBodyBytes) {
        if (listening != null) {
            throw new IllegalStateException("mount before start");
        }
        mounts.put(pathSpec, servlet);
        mountedBodyLimits.put(pathSpec.endsWith("/*") ? pathSpec.substring(0, pathSpec.length() - 2) : pathSpec,
                maxBodyBytes);
        return this;
    }

    /**
     * Mounts {@code servlet} at {@code pathSpec} behind the same body limit as {@code /api} (OTLP's
     * {@code /v1/*}: a protocol whose bodies this server bounds, unlike MCP, which bounds its own); before start.
     */
    public WebServer mountWithBodyLimit(String pathSpec, Supplier<? extends HttpServlet> servlet) {
        mount(pathSpec, servlet);
        bodyLimitedMounts.add(pathSpec);
        return this;
    }

    /** Starts listening and serving; the port is known once this returns. */
    public void start() throws Exception {
        listening = ListeningPort.bind(settings.host(), settings.port());
        phase.set(Phase.SERVING);
        try {
            serve();
        } finally {
            startEnded.countDown();
        }
    }

    /**
     * Binds the port now, and starts serving it when the first connection arrives (that connection is then served
     * as any other, after Jetty's start): until then one waiting thread and no Jetty, nor any mounted servlet, for a
     * process whose dashboard may never be opened. A start that fails then is handed to {@code onFailure} and the
     * port is closed. The port is known once this returns.
     */
    public void startOnFirstConnection(Consumer<Exception> onFailure) throws IOException {
        listening = ListeningPort.bind(settings.host(), settings.port());
        listening.awaitFirstConnection(() -> serveOnArrival(onFailure), "agentmeter-http-idle");
    }

    private void serveOnArrival(Consumer<Exception> onFailure) {
        if (!phase.compareAndSet(Phase.LISTENING, Phase.SERVING)) {
            return; // stopped first
        }
        Exception failure = null;
        try {
            serve();
        } catch (Exception e) {
            failure = e;
        } finally {
            startEnded.countDown(); // before the stop below, which waits for it
        }
        if (failure != null) {
            stopQuietly();
            onFailure.accept(failure);
        }
    }

    private void serve() throws Exception {
        var threads = new QueuedThreadPool(settings.maxThreads(), 4);
        threads.setName("agentmeter-http");
        server = new Server(threads);
        connector = Connectors.create(server, settings, security);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler(json));

        events = new EventStream(operations, extensions.alerts(), json, settings.maxEventStreams(),
                settings.eventInterval(), settings.heartbeatInterval());
        extensions.alertChanges().accept(events::onAlertChange);
        // Bodies are read whole, without a thread, before anything serves them; on stop, requests in flight may
        // finish (bounded) and new ones are refused.
        var limits = new BodyLimits(settings.maxBodyBytes(), mountedBodyLimits);
        prefetch = new RequestBodyPrefetch(context(), limits, settings.requestReadTimeout(),
                settings.maxBufferedBodyBytes());
        server.setHandler(new GracefulHandler(prefetch));
        server.addBean(new ConnectionCap(settings.maxConnections(), connector));
        server.setStopTimeout(security.stopTimeout().toMillis());
        server.setStopAtShutdown(false);
        connector.open(listening.channel());
        server.start();
        events.start();
    }

    /** The bound port (the real one when the settings asked for port 0). */
    public int port() {
        ListeningPort port = listening;
        return port == null ? 0 : port.number();
    }

    /** Whether Jetty has started, or is starting: false while a start on the first connection still waits. */
    public boolean serving() {
        return server != null;
    }

    /** Live dashboard streams open now; 0 before start. */
    public int openEventStreams() {
        EventStream stream = events;
        return stream == null ? 0 : stream.openStreams();
    }

    /** Connections open now; 0 before start. */
    public int openConnections() {
        return connector == null ? 0 : connector.getConnectedEndPoints().size();
    }

    /** Bytes of request bodies held in memory now, while they arrive and until their requests are answered. */
    public long bufferedBodyBytes() {
        RequestBodyPrefetch bodies = prefetch;
        return bodies == null ? 0 : bodies.bufferedBytes();
    }

    /** The dashboard's address, as announced on stderr. */
    public String dashboardUrl() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return (security.tls().isPresent() ? "https://" : "http://") + host + ":" + port() + "/";
    }

    /**
     * Stops serving, and closes the port. A Jetty start under way (on the first connection) is waited for, at most
     * the stop timeout, then stopped.
     */
    public void stop() throws Exception {
        Phase before = phase.getAndSet(Phase.STOPPED);
        ListeningPort port = listening;
        if (port != null) {
            port.stopWaiting();
        }
        if (before == Phase.SERVING
                && !startEnded.await(security.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the HTTP server was still starting after "
                    + security.stopTimeout().toMillis() + " ms");
        }
        try {
            if (events != null) {
                // First, so that open streams are finished rather than waited for.
                events.stop();
            }
            if (server != null) {
                server.stop();
            }
        } finally {
            if (port != null) {
                port.close();
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception e) {
            // The failure to start is what gets reported; the socket is closed by stop's last step regardless.
        }
    }

    private ServletContextHandler context() {
        var context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler(json));
        new FrontFilters(settings, security, json).install(context, bodyLimitedMounts);

        var api = new ServletHolder("api", new ApiServlet(new JsonApi(
                ApiRoutes.of(operations, events, json, extensions), new EnvelopeResponder(json),
                Set.copyOf(security.corsOrigins()), extensions.observer(), System::nanoTime), json));
        api.setAsyncSupported(true);
        context.getServletHandler().addServletWithMapping(api, "/api/*");
        context.getServletHandler().addServletWithMapping(api, "/health");
        context.getServletHandler().addServletWithMapping(api, "/health/*");
        context.getServletHandler().addServletWithMapping(api, "/metrics");

        var classLoader = WebServer.class.getClassLoader();
        var files = new StaticFilesServlet(List.of(
                new ClasspathFolder("/vendor/uplot/", WebJars.npmFolder("uplot", "dist/", classLoader), null,
                        classLoader),
                new ClasspathFolder("/", DASHBOARD_FOLDER, "index.html", classLoader)), json);
        context.addServlet(new ServletHolder(AccessFilter.STATIC_SERVLET, files), "/");

        mounts.forEach((path, servlet) -> {
            var holder = new ServletHolder(servlet.get());
            holder.setAsyncSupported(true);
            context.addServlet(holder, path);
        });
        return context;
    }
}
