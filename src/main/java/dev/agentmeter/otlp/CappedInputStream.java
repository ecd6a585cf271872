package dev.agentmeter.otlp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Gives at most {@code limitBytes} bytes of the stream below, then tells a body of exactly the limit from a
 * longer one by asking for a single byte more: the end there is the end of a body that fits; a byte, or a
 * failure of the stream below, means the body is over the limit, and the read stops with
 * {@link BodyOverLimitException}. The stream below is never asked for more than the limit before that probe,
 * so the web layer's own body limit (the same figure, counted below this stream) can only trip at the probe,
 * and a body over the limit is always told apart from a client that broke off.
 *
 * <p>Over a gzip stream it caps what inflating produces, so a small body that inflates to gigabytes is
 * stopped at the limit, never inflated whole. Not thread-safe, like any stream.
 */
final class CappedInputStream extends FilterInputStream {

    private final long limitBytes;
    private long readBytes;

    CappedInputStream(InputStream in, long limitBytes) {
        super(in);
        this.limitBytes = limitBytes;
    }

    @Override
    public int read() throws IOException {
        if (readBytes >= limitBytes) {
            return probePastTheLimit();
        }
        int b = in.read();
        if (b >= 0) {
            readBytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (readBytes >= limitBytes) {
            return probePastTheLimit();
        }
        int n = in.read(buffer, offset, (int) Math.min(length, limitBytes - readBytes));
        if (n > 0) {
            readBytes += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would read past the count; nothing here needs it.
        throw new IOException("skipping is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private int probePastTheLimit() throws IOException {
        int next;
        try {
            next = in.read();
        } catch (IOException e) {
            throw new BodyOverLimitException(limitBytes);
        }
        if (next < 0) {
            return -1;
        }
        throw new BodyOverLimitException(limitBytes);
    }
}
