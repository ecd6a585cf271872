package dev.agentmeter.web.guard;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body that refuses to be read past a limit: whatever the request declared, counting stops the
 * read with {@link BodyTooLargeException} at the first byte over. Blocking and non-blocking reads alike.
 *
 * <p>Not thread-safe, like any servlet input stream.
 */
final class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream body;
    private final int limitBytes;
    private long readBytes;

    LimitedInputStream(ServletInputStream body, int limitBytes) {
        this.body = body;
        this.limitBytes = limitBytes;
    }

    @Override
    public int read() throws IOException {
        int b = body.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Never ask for more than one byte past the limit: that byte is enough to know.
        long allowed = limitBytes + 1L - readBytes;
        int n = body.read(buffer, offset, (int) Math.min(length, Math.max(allowed, 1)));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public boolean isFinished() {
        return body.isFinished();
    }

    @Override
    public boolean isReady() {
        return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        body.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }

    private void count(int n) throws BodyTooLargeException {
        readBytes += n;
        if (readBytes > limitBytes) {
            throw new BodyTooLargeException(limitBytes);
        }
    }
}
