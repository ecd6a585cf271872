package dev.agentmeter.mcp.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-delimited lines as bytes, each at most {@code maxLineBytes} long: a longer line is skipped to
 * its end without being kept, so one absurd line cannot exhaust memory. A trailing {@code \r} is dropped; the
 * last line needs no newline.
 *
 * <p>Not thread-safe: one reader thread.
 */
final class LineReader {

    /** One read: a line's bytes, a line that was too long, or the end of the input. */
    sealed interface Line permits Bytes, TooLong, End {
    }

    record Bytes(byte[] bytes) implements Line {
    }

    /** A line over the limit, of which {@code bytes} were skipped. */
    record TooLong(long bytes) implements Line {
    }

    record End() implements Line {
    }

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line; blocks until one is complete or the input ends. */
    Line next() throws IOException {
        var line = new ByteArrayOutputStream();
        long length = 0;
        boolean tooLong = false;
        while (true) {
            if (position == limit && !fill()) {
                if (length == 0) {
                    return new End();
                }
                return finished(line, length, tooLong);
            }
            int newline = indexOfNewline();
            int end = newline >= 0 ? newline : limit;
            int count = end - position;
            length += count;
            if (!tooLong && length > maxLineBytes + 1L) { // + 1: room for a \r before the newline
                tooLong = true;
                line = null;
            }
            if (!tooLong) {
                line.write(chunk, position, count);
            }
            position = newline >= 0 ? newline + 1 : limit;
            if (newline >= 0) {
                return finished(line, length, tooLong);
            }
        }
    }

    private Line finished(ByteArrayOutputStream line, long length, boolean tooLong) {
        if (tooLong) {
            return new TooLong(length);
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = Arrays.copyOf(bytes, bytes.length - 1);
        }
        if (bytes.length > maxLineBytes) {
            return new TooLong(bytes.length);
        }
        return new Bytes(bytes);
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk, 0, CHUNK);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
