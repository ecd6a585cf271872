package dev.agentmeter.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the central AgentMeter's {@code POST /api/tasks} on loopback: it checks each request against the
 * wire format, keeps what it received, and answers with the statuses it is told (then 200s). It can also hold every
 * request until released, to play a central server that is slow.
 */
final class CentralReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, String contentType, String authorization, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private final List<String> formatProblems = new CopyOnWriteArrayList<>();
    private final CountDownLatch release;

    private CentralReceiver(boolean hold, int port) throws IOException {
        this.release = new CountDownLatch(hold ? 1 : 0);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** A receiver that answers at once: first {@code statuses} in order, then 200. */
    static CentralReceiver answering(Integer... statuses) throws IOException {
        var receiver = new CentralReceiver(false, 0);
        receiver.scriptedStatuses.addAll(List.of(statuses));
        return receiver;
    }

    /** A receiver that holds every request until {@link #close}. */
    static CentralReceiver holding() throws IOException {
        return new CentralReceiver(true, 0);
    }

    /** A receiver that answers 200 at once, on a port chosen before (where a central server was down). */
    static CentralReceiver answeringOn(int port) throws IOException {
        return new CentralReceiver(false, port);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Every task item received, in order, across requests. */
    List<JsonNode> items() {
        return received.stream().flatMap(request -> {
            var items = new java.util.ArrayList<JsonNode>();
            request.body().forEach(items::add);
            return items.stream();
        }).toList();
    }

    List<String> formatProblems() {
        return List.copyOf(formatProblems);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = JSON.readTree(body);
            var request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), json);
            checkFormat(request);
            received.add(request);
            release.await(30, TimeUnit.SECONDS);
            Integer scripted = scriptedStatuses.poll();
            int status = scripted == null ? 200 : scripted;
            byte[] answer = (status == 200 ? "{\"status\":\"success\",\"data\":{\"recorded\":" + json.size() + "}}"
                    : "{\"status\":\"error\",\"error\":{\"code\":\"x\",\"message\":\"scripted\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkFormat(Received request) {
        if (!request.method().equals("POST") || !request.path().equals("/api/tasks")) {
            formatProblems.add("not POST /api/tasks: " + request.method() + " " + request.path());
        }
        if (request.contentType() == null || !request.contentType().startsWith("application/json")) {
            formatProblems.add("content type " + request.contentType());
        }
        JsonNode body = request.body();
        if (body == null || !body.isArray() || body.size() < 1 || body.size() > 1_000) {
            formatProblems.add("body is not an array of 1 to 1000 items");
            return;
        }
        for (JsonNode item : body) {
            boolean ok = item.size() == 5 && item.path("name").isTextual() && item.path("duration_ms").isNumber()
                    && item.path("success").isBoolean()
                    && (item.path("error").isTextual() || item.path("error").isNull())
                    && (item.path("agent").isTextual() || item.path("agent").isNull());
            if (!ok) {
                formatProblems.add("bad item " + item);
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
