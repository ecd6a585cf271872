package dev.agentmeter.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an OTLP request body, gunzipping it when it says {@code Content-Encoding: gzip}. Both the bytes sent
 * and the bytes they inflate to count against the body limit, each through a {@link CappedInputStream}, so a
 * gzip bomb costs at most the limit in memory and is answered 413. Chunked bodies need nothing here: the
 * container has already undone the chunking.
 *
 * <p>Thread-safe (immutable).
 */
final class BodyReader {

    private static final int GZIP_BUFFER_BYTES = 8192;
    private static final int FIRST_BUFFER_BYTES = 16 * 1024;

    private final long limitBytes;

    BodyReader(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    long limitBytes() {
        return limitBytes;
    }

    /**
     * Reads the whole body from {@code sent}.
     *
     * @param contentEncoding the request's {@code Content-Encoding} header, or null
     * @param declaredBytes   the request's {@code Content-Length}, or -1 when it has none (chunked)
     */
    Body read(InputStream sent, String contentEncoding, long declaredBytes) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
        if (!gzip && !encoding.equals("identity") && !encoding.isEmpty()) {
            return new Body.UnsupportedEncoding(contentEncoding.strip());
        }
        var capped = new CappedInputStream(sent, limitBytes);
        try {
            if (!gzip) {
                return new Body.Received(readAll(capped, declaredBytes));
            }
            try (var inflated = new CappedInputStream(new GZIPInputStream(capped, GZIP_BUFFER_BYTES), limitBytes)) {
                return new Body.Received(readAll(inflated, -1));
            }
        } catch (BodyOverLimitException e) {
            return new Body.TooLarge(limitBytes);
        } catch (ZipException e) {
            return new Body.Unreadable("the body is not valid gzip data");
        } catch (IOException e) {
            return new Body.Unreadable(gzip ? "the body ended early or is not valid gzip data"
                    : "the body could not be read to its end");
        }
    }

    private byte[] readAll(InputStream in, long declaredBytes) throws IOException {
        if (declaredBytes >= 0 && declaredBytes <= limitBytes) {
            // The container holds the client to its Content-Length: read it into one array, no copy.
            byte[] body = in.readNBytes((int) declaredBytes);
            if (body.length < declaredBytes) {
                throw new IOException("the body ended after " + body.length + " of " + declaredBytes + " bytes");
            }
            return body;
        }
        var out = new ByteArrayOutputStream(FIRST_BUFFER_BYTES);
        in.transferTo(out);
        return out.toByteArray();
    }
}
