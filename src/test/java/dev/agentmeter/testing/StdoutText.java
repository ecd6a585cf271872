package dev.agentmeter.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** What a stdio server wrote to stdout so far, as text: written by the server's thread, read by the test's. */
public final class StdoutText extends ByteArrayOutputStream {

    public synchronized String text() {
        return toString(StandardCharsets.UTF_8);
    }
}
