package dev.agentmeter.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

class SingleAnswerResponseTest {

    private static final String ANSWER = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[],\"isError\":false}}";
    private static final String NOTIFICATION = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
            + "\"params\":{\"progressToken\":1,\"progress\":0.5}}";

    private final Recorded real = new Recorded();
    private final SingleAnswerResponse response = new SingleAnswerResponse(real.response());

    @Test
    void aStreamOfOnlyTheAnswerIsSentAsOneJsonBodyWithItsLength() throws Exception {
        sdkWritesEvent(ANSWER);
        assertThat(real.body()).isEmpty(); // held until the SDK has returned

        response.finish();

        assertThat(real.headers).containsEntry("Content-Type", "application/json")
                .containsEntry("Content-Length", String.valueOf(ANSWER.getBytes(StandardCharsets.UTF_8).length))
                .doesNotContainKey("Cache-Control");
        assertThat(real.body()).isEqualTo(ANSWER);
    }

    @Test
    void aNotificationBeforeTheAnswerMakesItAnEventStreamFromTheFirstEventOn() throws Exception {
        sdkWritesEvent(NOTIFICATION);

        assertThat(real.headers).containsEntry("Content-Type", "text/event-stream")
                .containsEntry("Cache-Control", "no-cache");
        assertThat(real.body()).isEqualTo("id: s\nevent: message\ndata: " + NOTIFICATION + "\n\n");

        sdkWritesEvent(ANSWER);
        response.finish();

        assertThat(real.body()).isEqualTo("id: s\nevent: message\ndata: " + NOTIFICATION + "\n\n"
                + "id: s\nevent: message\ndata: " + ANSWER + "\n\n");
    }

    @Test
    void aBodyThatIsNoEventStreamGoesStraightThrough() throws Exception {
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":1}");
        response.getWriter().flush();
        response.finish();

        assertThat(real.headers).containsEntry("Content-Type", "application/json");
        assertThat(real.body()).isEqualTo("{\"error\":1}");
    }

    /** As the SDK writes a message on a request's stream: headers, then one event, then a flush and a check. */
    private void sdkWritesEvent(String message) throws Exception {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Connection", "keep-alive");
        PrintWriter writer = response.getWriter();
        writer.write("id: s\n");
        writer.write("event: message\n");
        writer.write("data: " + message + "\n\n");
        writer.flush();
        assertThat(writer.checkError()).isFalse();
    }

    /** A servlet response that records its headers and body: only what this class calls is answered. */
    private static final class Recorded {
        final Map<String, String> headers = new LinkedHashMap<>();
        final StringWriter chars = new StringWriter();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintWriter writer = new PrintWriter(chars);

        String body() {
            writer.flush();
            return chars + bytes.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse response() {
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentLength" -> headers.put("Content-Length", String.valueOf(args[0]));
                        case "setCharacterEncoding" -> null;
                        case "getWriter" -> writer;
                        case "getOutputStream" -> new ServletOutputStream() {
                            @Override
                            public void write(int b) {
                                bytes.write(b);
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                            }
                        };
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
