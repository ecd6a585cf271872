package dev.agentmeter.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A POST to {@code /mcp} sent from a chosen loopback address (127.0.0.2, say): how a test plays a second client
 * machine against a server on 127.0.0.1. One request per connection; the answer is read to its end.
 */
final class LoopbackPost {

    /** The answer: status, its head (status line and headers), and its body. */
    record Answer(int status, String head, String body) {
        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst();
        }
    }

    private LoopbackPost() {
    }

    static Answer send(String fromAddress, int port, String body, String sessionId) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (var socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(fromAddress), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\n"
                    + (sessionId == null ? "" : "Mcp-Session-Id: " + sessionId + "\r\n")
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String answer = readAll(socket.getInputStream());
            int headEnd = answer.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? answer : answer.substring(0, headEnd);
            return new Answer(Integer.parseInt(head.substring(9, 12)), head,
                    headEnd < 0 ? "" : answer.substring(headEnd + 4));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        var all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
