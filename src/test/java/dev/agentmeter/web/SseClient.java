package dev.agentmeter.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A server-sent-events client for tests: collects every event and comment of one stream on its own thread. */
final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    record Event(String name, String data) {
        Map<String, Object> json() {
            return Envelopes.read(data);
        }

        @SuppressWarnings("unchecked")
        long totalRequests() {
            var dashboard = (Map<String, Object>) json().get("dashboard");
            var metrics = (Map<String, Object>) dashboard.get("metrics");
            return ((Number) metrics.get("total_requests")).longValue();
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::readEvents, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient connect(HttpClient http, URI uri) throws IOException, InterruptedException {
        return connect(http, HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build());
    }

    /** Opens the stream with a request of the caller's making (extra headers, such as a cookie). */
    static SseClient connect(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return new SseClient(http.send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    int count() {
        return events.size();
    }

    Event last() {
        return events.get(events.size() - 1);
    }

    int comments() {
        return comments.get();
    }

    /** Whether the server ended the stream. */
    boolean ended() {
        return ended.get();
    }

    private void readEvents() {
        String name = "message";
        var data = new ArrayList<String>();
        try (Stream<String> lines = response.body()) {
            for (var iterator = lines.iterator(); iterator.hasNext();) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, String.join("\n", data)));
                    }
                    name = "message";
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
        } catch (RuntimeException e) {
            // The stream was closed under the iterator: the end.
        } finally {
            ended.set(true);
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
