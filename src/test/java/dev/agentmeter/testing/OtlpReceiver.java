package dev.agentmeter.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP traces receiver on loopback, for tests: it decodes each {@code POST /v1/traces} with the published
 * protobuf bindings, keeps it, and answers with the statuses it is told (then its default). It can also hold every
 * request until closed, to play a receiver that hangs. {@link #formatProblems()} lists whatever a real collector
 * would not take (another path or method, another content type, a body that does not decode).
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One request as received, and the status it was answered with. */
    public record Request(String method, String path, String contentType, String authorization,
                          ExportTraceServiceRequest body, int status) {

        /** The spans of this request, each with its resource. */
        public List<ReceivedSpan> spans() {
            var spans = new ArrayList<ReceivedSpan>();
            for (ResourceSpans resourceSpans : body.getResourceSpansList()) {
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    for (Span span : scopeSpans.getSpansList()) {
                        spans.add(new ReceivedSpan(resourceSpans.getResource(), scopeSpans.getScope().getName(),
                                span));
                    }
                }
            }
            return spans;
        }
    }

    /** One span as received, with what it says read out. */
    public record ReceivedSpan(Resource resource, String scopeName, Span span) {

        public String name() {
            return span.getName();
        }

        public String traceId() {
            return HexFormat.of().formatHex(span.getTraceId().toByteArray());
        }

        public String spanId() {
            return HexFormat.of().formatHex(span.getSpanId().toByteArray());
        }

        /** The attribute's value as the Java value of its kind (String, Long, Double, Boolean). */
        public Optional<Object> attribute(String key) {
            return value(span.getAttributesList(), key);
        }

        public Optional<Object> resourceAttribute(String key) {
            return value(resource.getAttributesList(), key);
        }

        public List<String> attributeKeys() {
            return span.getAttributesList().stream().map(KeyValue::getKey).toList();
        }

        /** Nanoseconds from start to end. */
        public long durationNanos() {
            return span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
        }

        private static Optional<Object> value(List<KeyValue> attributes, String key) {
            return attributes.stream().filter(attribute -> attribute.getKey().equals(key)).findFirst()
                    .map(attribute -> javaValue(attribute.getValue()));
        }

        private static Object javaValue(AnyValue value) {
            return switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> value.getIntValue();
                case DOUBLE_VALUE -> value.getDoubleValue();
                case BOOL_VALUE -> value.getBoolValue();
                default -> value.toString();
            };
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private final List<String> formatProblems = new CopyOnWriteArrayList<>();
    private final CountDownLatch release;
    private final int defaultStatus;

    private OtlpReceiver(int port, boolean hold, int defaultStatus) throws IOException {
        this.release = new CountDownLatch(hold ? 1 : 0);
        this.defaultStatus = defaultStatus;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A receiver that answers at once: first {@code statuses} in order, then 200. */
    public static OtlpReceiver answering(Integer... statuses) throws IOException {
        var receiver = new OtlpReceiver(0, false, 200);
        receiver.scriptedStatuses.addAll(List.of(statuses));
        return receiver;
    }

    /** A receiver that answers every request with {@code status}. */
    public static OtlpReceiver alwaysAnswering(int status) throws IOException {
        return new OtlpReceiver(0, false, status);
    }

    /** A receiver that holds every request unanswered until {@link #close}. */
    public static OtlpReceiver holding() throws IOException {
        return new OtlpReceiver(0, true, 200);
    }

    /** A receiver that answers 200, on a port chosen before (where a receiver was down). */
    public static OtlpReceiver answeringOn(int port) throws IOException {
        return new OtlpReceiver(port, false, 200);
    }

    /** The base URL, such as {@code http://127.0.0.1:PORT}; spans go to {@code /v1/traces} under it. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every span of every request that was answered with a 2xx, in order. */
    public List<ReceivedSpan> acceptedSpans() {
        return requests.stream().filter(request -> request.status() / 100 == 2)
                .flatMap(request -> request.spans().stream()).toList();
    }

    /** Every span received, answered or not, in order. */
    public List<ReceivedSpan> receivedSpans() {
        return requests.stream().flatMap(request -> request.spans().stream()).toList();
    }

    public List<String> formatProblems() {
        return List.copyOf(formatProblems);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            ExportTraceServiceRequest decoded = decode(body);
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath()
                    .equals("/v1/traces")) {
                formatProblems.add("not POST /v1/traces: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI());
            }
            if (!"application/x-protobuf".equals(contentType)) {
                formatProblems.add("content type " + contentType);
            }
            // Kept as it arrives, with the status it gets (a held request gets it when the receiver closes).
            Integer scripted = scriptedStatuses.poll();
            int status = scripted == null ? defaultStatus : scripted;
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), contentType,
                    exchange.getRequestHeaders().getFirst("Authorization"), decoded, status));
            release.await(60, TimeUnit.SECONDS);
            byte[] answer = status == 200 ? ExportTraceServiceResponse.getDefaultInstance().toByteArray()
                    : new byte[0];
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ExportTraceServiceRequest decode(byte[] body) {
        try {
            return ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            formatProblems.add("body does not decode: " + e.getMessage());
            return ExportTraceServiceRequest.getDefaultInstance();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
