package dev.agentmeter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static final int LIMIT = 1024;
    private final BodyReader reader = new BodyReader(LIMIT);

    @Test
    void aBodyOfExactlyTheLimitIsRead() {
        Body body = reader.read(new ByteArrayInputStream(new byte[LIMIT]), null, LIMIT);

        assertThat(body).isInstanceOfSatisfying(Body.Received.class, received ->
                assertThat(received.bytes()).hasSize(LIMIT));
    }

    @Test
    void oneByteOverTheLimitIsTooLarge() {
        assertThat(reader.read(new ByteArrayInputStream(new byte[LIMIT + 1]), "identity", -1))
                .isEqualTo(new Body.TooLarge(LIMIT));
    }

    @Test
    void aLimitBelowThatFailsTheReadPastTheLimitStillMeansTooLarge() {
        // The web layer's body limit, at the same figure, fails the read of byte LIMIT + 1.
        InputStream webLimited = new FailingPast(new ByteArrayInputStream(new byte[10 * LIMIT]), LIMIT);

        assertThat(reader.read(webLimited, null, -1)).isEqualTo(new Body.TooLarge(LIMIT));
    }

    @Test
    void aClientThatBreaksOffBelowTheLimitIsUnreadable() {
        InputStream brokenOff = new FailingPast(new ByteArrayInputStream(new byte[LIMIT]), LIMIT / 2);

        assertThat(reader.read(brokenOff, null, -1)).isInstanceOf(Body.Unreadable.class);
    }

    @Test
    void gzipIsUndoneAndTheInflatedBytesCountAgainstTheLimit() {
        byte[] fits = gzip(new byte[LIMIT]);
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);

        assertThat(reader.read(new ByteArrayInputStream(fits), "gzip", fits.length))
                .isInstanceOfSatisfying(Body.Received.class, received -> assertThat(received.bytes()).hasSize(LIMIT));
        var source = new CountingStream(new ByteArrayInputStream(bomb));
        assertThat(reader.read(source, "GZIP", bomb.length)).isEqualTo(new Body.TooLarge(LIMIT));
        assertThat(source.read).as("compressed bytes read of " + bomb.length).isLessThan(bomb.length / 4);
    }

    @Test
    void corruptGzipIsUnreadable() {
        assertThat(reader.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), "gzip", 4))
                .isEqualTo(new Body.Unreadable("the body is not valid gzip data"));
    }

    @Test
    void anotherContentEncodingIsNotRead() {
        var source = new CountingStream(new ByteArrayInputStream(new byte[10]));

        assertThat(reader.read(source, "br", 10)).isEqualTo(new Body.UnsupportedEncoding("br"));
        assertThat(source.read).isZero();
    }

    private static byte[] gzip(byte[] plain) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** Fails any read that would go past {@code failAfter} bytes, as a body limit or a broken connection does. */
    private static final class FailingPast extends FilterInputStream {
        private final long failAfter;
        private long read;

        FailingPast(InputStream in, long failAfter) {
            super(in);
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (read += n) > failAfter) {
                throw new IOException("past " + failAfter + " bytes");
            }
            return n;
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }
    }
}
