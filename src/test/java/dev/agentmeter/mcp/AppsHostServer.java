package dev.agentmeter.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The test host's web server on a free loopback port: the host page and its bundle, and {@code /mcp} passed
 * through byte for byte (event streams included) to AgentMeter's Streamable HTTP endpoint, so the page's MCP
 * client talks to AgentMeter from its own origin as a web host's back end would. Every other path is kept in
 * {@link #unexpectedPaths()}: nothing in the page, and above all nothing in the panel's frame, should ask for one.
 */
final class AppsHostServer implements AutoCloseable {

    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Mcp-Session-Id",
            "Mcp-Protocol-Version", "Last-Event-ID", "Origin");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Mcp-Session-Id",
            "Mcp-Protocol-Version", "Cache-Control");
    private static final Map<String, String> FILES = Map.of("/", "host.html", "/host.js", "host.bundle.js");
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
        var thread = new Thread(runnable, "apps-host-server");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient upstream = HttpClient.newBuilder().executor(threads).build();
    private final URI mcpEndpoint;
    private final Path folder;
    // Appended by server threads, read by the test thread.
    private final List<String> unexpectedPaths = new CopyOnWriteArrayList<>();

    private AppsHostServer(Path folder, int agentMeterPort) throws IOException {
        this.folder = folder;
        this.mcpEndpoint = URI.create("http://127.0.0.1:" + agentMeterPort + "/mcp");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static AppsHostServer start(Path folder, int agentMeterPort) throws IOException {
        return new AppsHostServer(folder, agentMeterPort);
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    List<String> unexpectedPaths() {
        return List.copyOf(unexpectedPaths);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/mcp")) {
                passThrough(exchange);
            } else if (FILES.containsKey(path) && exchange.getRequestMethod().equals("GET")) {
                serve(exchange, FILES.get(path));
            } else {
                if (!path.equals("/favicon.ico")) {
                    unexpectedPaths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                }
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void serve(HttpExchange exchange, String file) throws IOException {
        byte[] body = Files.readAllBytes(folder.resolve(file));
        exchange.getResponseHeaders().set("Content-Type",
                file.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void passThrough(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        var request = HttpRequest.newBuilder(mcpEndpoint)
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : REQUEST_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        for (String header : RESPONSE_HEADERS) {
            response.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().set(header, value));
        }
        try (InputStream in = response.body()) {
            boolean empty = response.statusCode() == 202 || response.statusCode() == 204
                    || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : 0);
            if (!empty) {
                copyFlushing(in, exchange.getResponseBody());
            }
        }
    }

    /** Copies as bytes arrive, so each event of a stream reaches the page when AgentMeter sends it. */
    private static void copyFlushing(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            out.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
