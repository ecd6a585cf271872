package dev.agentmeter.web.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;

/**
 * Caps request bodies: every body is counted as it is read, so the limit holds whatever {@code Content-Length}
 * says (or whether there is one). A client that announced an oversized body and waits for
 * {@code 100 Continue} is refused at once, before it sends anything. Any other client is already sending:
 * refusing it before reading would close the connection under an upload in progress, and the reset that
 * follows often destroys the answer before the client reads it; so the body is read up to the limit and
 * refused there, and the client learns why.
 */
public final class BodyLimitFilter extends HttpFilter {

    private final int limitBytes;
    private final JsonCodec json;

    public BodyLimitFilter(int limitBytes, JsonCodec json) {
        this.limitBytes = limitBytes;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > limitBytes && expectsContinue(request)) {
            var failure = new Envelope.Failure(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the request body is larger than the limit of " + limitBytes + " bytes");
            // The body was never sent, but the client may still send it: this connection carries nothing more.
            JsonResponses.writeFailure(response, failure, Map.of("Connection", "close"), json, true);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limitBytes), response);
    }

    private static boolean expectsContinue(HttpServletRequest request) {
        String expect = request.getHeader("Expect");
        return expect != null && expect.strip().equalsIgnoreCase("100-continue");
    }

    /** The request with its body behind a {@link LimitedInputStream}. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final int limitBytes;
        private ServletInputStream limited;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, int limitBytes) {
            super(request);
            this.limitBytes = limitBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limitBytes);
            }
            return limited;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset()));
            }
            return reader;
        }

        private Charset charset() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(encoding);
            }
        }
    }
}
