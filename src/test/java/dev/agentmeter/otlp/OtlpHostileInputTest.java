package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.SdkTelemetry.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.UnknownFieldSet;

import dev.agentmeter.Settings;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.testing.TestSettings;
import dev.agentmeter.web.guard.RateLimit;

/**
 * The hostile-input rule for OTLP: against a server run as a team would (a token, the default rate limit),
 * each bad request gets its exact status, no internals, a healthy server afterwards and unchanged figures.
 * A few tasks are recorded first, so that anything slipping through would show.
 */
@Timeout(60)
class OtlpHostileInputTest {

    private static final String TOKEN = "otlp-test-token-0123456789";
    private static final int MIB = 1024 * 1024;
    private static final String SPAN_JSON = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"%s\","
            + "\"spanId\":\"%s\",\"name\":\"execute_tool x\",\"startTimeUnixNano\":\"1000000\","
            + "\"endTimeUnixNano\":\"2000000\",\"attributes\":[{\"key\":\"gen_ai.operation.name\","
            + "\"value\":{\"stringValue\":\"execute_tool\"}}]}]}]}]}";

    private static OtlpTestServer server;
    private static int seeded;

    /** One hostile request: what it is, how to send it (giving the status it got), and the status it must get. */
    record Case(String name, ToIntFunction<OtlpTestServer> send, int expectedStatus) {
        @Override
        public String toString() {
            return name + " -> " + expectedStatus;
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = OtlpTestServer.start(TestSettings.builder().token(TOKEN)
                .rateLimit(RateLimit.parse(RateLimit.DEFAULT)).build());
        var seed = CapturedTelemetry.spans(service("seed"), tracer -> {
            for (int i = 0; i < 3; i++) {
                tracer.spanBuilder("execute_tool seed").setAttribute("gen_ai.operation.name", "execute_tool")
                        .startSpan().end();
            }
        });
        assertThat(server.post("/v1/traces", "application/x-protobuf", CapturedTelemetry.protobuf(seed), Map.of())
                .statusCode()).isEqualTo(200);
        seeded = 3;
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Stream<Case> cases() {
        var cases = new ArrayList<Case>();
        // Bodies that do not decode.
        cases.add(post("truncated protobuf", "/v1/traces", "application/x-protobuf", new byte[] {0x0a, 0x05, 0x61}, 400));
        cases.add(post("protobuf with a wrong wire type", "/v1/traces", "application/x-protobuf",
                new byte[] {0x0b, 0x01}, 400));
        cases.add(post("protobuf with invalid UTF-8 in a span name", "/v1/traces", "application/x-protobuf",
                spanNamed(new byte[] {(byte) 0xc3, 0x28}), 400));
        cases.add(json("JSON that does not parse", "/v1/traces", "{\"resourceSpans\":", 400));
        cases.add(json("a JSON array", "/v1/logs", "[]", 400));
        cases.add(json("an empty JSON body", "/v1/metrics", "", 400));
        cases.add(json("a trace id that is not hex", "/v1/traces",
                SPAN_JSON.formatted("zz" + "0".repeat(30), "00f067aa0ba902b7"), 400));
        cases.add(json("a trace id of the wrong length", "/v1/traces",
                SPAN_JSON.formatted("4bf92f3577b34da6a3ce929d0e0e473", "00f067aa0ba902b7"), 400));
        cases.add(json("a span id given as base64", "/v1/traces",
                SPAN_JSON.formatted("4bf92f3577b34da6a3ce929d0e0e4736", "APBnqgupArc="), 400));
        cases.add(json("a number where a message belongs", "/v1/traces", "{\"resourceSpans\":[7]}", 400));
        cases.add(json("deep nesting", "/v1/traces", "{\"resourceSpans\":" + "[".repeat(5000) + "]".repeat(5000)
                + "}", 400));
        // Types and encodings.
        cases.add(post("a text/plain body", "/v1/traces", "text/plain", "{}".getBytes(StandardCharsets.UTF_8), 415));
        cases.add(post("no content type", "/v1/traces", null, new byte[0], 415));
        cases.add(post("JSON in another charset", "/v1/traces", "application/json; charset=iso-8859-1",
                "{}".getBytes(StandardCharsets.UTF_8), 415));
        cases.add(new Case("a Brotli body", s -> s.post("/v1/traces", "application/x-protobuf", new byte[] {1, 2},
                Map.of("Content-Encoding", "br")).statusCode(), 415));
        cases.add(new Case("gzip that is not gzip", s -> s.post("/v1/traces", "application/x-protobuf",
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3}, Map.of("Content-Encoding", "gzip"))
                .statusCode(), 400));
        // Sizes.
        cases.add(post("a body of 2 MiB", "/v1/traces", "application/x-protobuf", new byte[2 * MIB], 413));
        cases.add(new Case("a gzip bomb (16 MiB of zeros in a few KiB)", s -> s.post("/v1/traces",
                "application/x-protobuf", gzip(new byte[16 * MIB]), Map.of("Content-Encoding", "gzip")).statusCode(),
                413));
        cases.add(new Case("a chunked body of 2 MiB", s -> raw(s, "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/x-protobuf\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", 2 * MIB), 413));
        cases.add(new Case("2 MiB announced with Expect: 100-continue", s -> raw(s, "POST /v1/logs HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: application/x-protobuf\r\n"
                + "Content-Length: " + 2 * MIB + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n", 0), 413));
        // Items the task rules refuse: the request is taken, the item is not.
        cases.add(new Case("a span that ends before it starts", s -> s.post("/v1/traces", "application/json",
                SPAN_JSON.formatted("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
                        .replace("\"2000000\"", "\"999\"").getBytes(StandardCharsets.UTF_8), Map.of())
                .statusCode(), 200));
        cases.add(new Case("a model call of a trillion tokens", s -> s.post("/v1/traces", "application/json",
                SPAN_JSON.formatted("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
                        .replace("\"execute_tool\"}}", "\"chat\"}},{\"key\":\"gen_ai.usage.input_tokens\","
                                + "\"value\":{\"intValue\":\"1000000000000\"}}")
                        .getBytes(StandardCharsets.UTF_8), Map.of()).statusCode(), 200));
        cases.add(json("a log record with no body and no name", "/v1/logs",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{}]}]}]}", 200));
        cases.add(json("a usage metric of a trillion tokens", "/v1/metrics", "{\"resourceMetrics\":[{\"scopeMetrics\":"
                + "[{\"metrics\":[{\"name\":\"claude_code.token.usage\",\"sum\":{\"aggregationTemporality\":1,"
                + "\"isMonotonic\":true,\"dataPoints\":[{\"asInt\":\"1000000000000\",\"attributes\":[{\"key\":"
                + "\"type\",\"value\":{\"stringValue\":\"input\"}}]}]}}]}]}]}", 200));
        // Access, methods, paths.
        cases.add(new Case("no token", s -> s.send(HttpRequest.newBuilder(java.net.URI.create(s.base() + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode(), 401));
        cases.add(new Case("a wrong token", s -> s.send(HttpRequest.newBuilder(java.net.URI.create(s.base()
                + "/v1/traces")).header("Authorization", "Bearer " + TOKEN + "x")
                .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode(), 401));
        cases.add(new Case("GET instead of POST", s -> s.send(s.request("/v1/traces").GET().build()).statusCode(), 405));
        cases.add(post("an unknown signal", "/v1/profiles", "application/x-protobuf", new byte[0], 404));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostileRequestGetsItsStatusAndChangesNothing(Case hostile) {
        JsonNode before = server.data("/api/metrics");

        int status = hostile.send().applyAsInt(server);

        assertThat(status).isEqualTo(hostile.expectedStatus());
        assertThat(server.send(server.request("/health").GET().build()).statusCode()).isEqualTo(200);
        JsonNode after = server.data("/api/metrics");
        for (String count : new String[] {"total_requests", "successful_requests", "failed_requests",
            "total_input_tokens", "total_output_tokens"}) {
            assertThat(after.path(count)).as(count).isEqualTo(before.path(count));
        }
        assertThat(after.path("total_requests").asLong()).isEqualTo(seeded);
    }

    @Test
    void anUndecodableBodyIsAnsweredWithAStatusMessageInItsEncoding() throws Exception {
        HttpResponse<byte[]> protobuf = server.post("/v1/traces", "application/x-protobuf",
                new byte[] {0x0a, 0x05, 0x61}, Map.of());
        HttpResponse<byte[]> json = server.post("/v1/traces", "application/json",
                "{\"resourceSpans\":".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(protobuf.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        UnknownFieldSet status = UnknownFieldSet.parseFrom(protobuf.body());
        assertThat(status.getField(1).getVarintList()).containsExactly(3L);
        assertThat(status.getField(2).getLengthDelimitedList().get(0).toStringUtf8())
                .startsWith("the body is not a binary protobuf OTLP traces export request: ");
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(json.body(), StandardCharsets.UTF_8))
                .startsWith("{\"code\":3,\"message\":\"the body is not valid JSON: ");
    }

    @Test
    void aGzipBombIsStoppedAtTheLimit() {
        HttpResponse<byte[]> answer = server.post("/v1/logs", "application/json", gzip(new byte[64 * MIB]),
                Map.of("Content-Encoding", "gzip"));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("larger than the limit of 1048576 bytes");
    }

    private static Case post(String name, String path, String contentType, byte[] body, int status) {
        return new Case(name, s -> s.post(path, contentType, body, Map.of()).statusCode(), status);
    }

    private static Case json(String name, String path, String body, int status) {
        return post(name, path, "application/json", body.getBytes(StandardCharsets.UTF_8), status);
    }

    /** An export request with one span whose name is {@code nameBytes}, encoded by hand to carry bad UTF-8. */
    private static byte[] spanNamed(byte[] nameBytes) {
        byte[] span = concat(new byte[] {0x2a, (byte) nameBytes.length}, nameBytes); // Span.name = 5
        byte[] scope = concat(new byte[] {0x12, (byte) span.length}, span); // ScopeSpans.spans = 2
        byte[] resource = concat(new byte[] {0x12, (byte) scope.length}, scope); // ResourceSpans.scope_spans = 2
        return concat(new byte[] {0x0a, (byte) resource.length}, resource); // resource_spans = 1
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static byte[] gzip(byte[] plain) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Sends {@code head}, then {@code chunkedBytes} of zeros in 64 KiB chunks (none when 0); the answer's status. */
    private static int raw(OtlpTestServer target, String head, int chunkedBytes) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", target.running().httpPort()), 10_000);
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int sent = 0; sent < chunkedBytes; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                if (chunkedBytes > 0) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (IOException e) {
                // The server answered and closed before the whole body was sent: read what it said.
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("Exception", "\tat ", "java.", "org.eclipse");
            return Integer.parseInt(answer.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
