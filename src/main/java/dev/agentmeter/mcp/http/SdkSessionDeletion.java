package dev.agentmeter.mcp.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelcontextprotocol.spec.HttpHeaders;

/**
 * Makes the SDK forget a session at once, the way its client would: a {@code DELETE /mcp} naming the session,
 * through the SDK's own servlet, with the answer discarded. The SDK offers no other way: its sweep would keep a
 * session closed by us (and what it holds) for up to half the idle timeout, so sessions closed to make room for
 * newcomers would pile up there.
 *
 * <p>Thread-safe (stateless).
 */
final class SdkSessionDeletion {

    private static final Logger log = LoggerFactory.getLogger(SdkSessionDeletion.class);

    private SdkSessionDeletion() {
    }

    /** Deletes session {@code id} in {@code sdk}; {@code current} is the request being served (for its Host). */
    static void delete(HttpServlet sdk, HttpServletRequest current, HttpServletResponse currentResponse, String id) {
        var answer = new DiscardedResponse(currentResponse);
        try {
            sdk.service(new DeleteRequest(current, id), answer);
        } catch (IOException | ServletException | RuntimeException e) {
            log.warn("The SDK could not end MCP session {}: {}", id, e.toString());
            return;
        }
        if (answer.status >= 300) {
            log.debug("The SDK answered {} to ending MCP session {}", answer.status, id);
        }
    }

    /** A DELETE of session {@code id} that carries only the Host of the request it is made from. */
    private static final class DeleteRequest extends HttpServletRequestWrapper {
        private final String id;

        DeleteRequest(HttpServletRequest request, String id) {
            super(request);
            this.id = id;
        }

        @Override
        public String getMethod() {
            return "DELETE";
        }

        @Override
        public String getHeader(String name) {
            if (HttpHeaders.MCP_SESSION_ID.equalsIgnoreCase(name)) {
                return id;
            }
            return "Host".equalsIgnoreCase(name) ? super.getHeader(name) : null;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = getHeader(name);
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(List.of("Host", HttpHeaders.MCP_SESSION_ID));
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }
    }

    /** Takes whatever the SDK answers and sends none of it: the real response belongs to the real request. */
    private static final class DiscardedResponse extends HttpServletResponseWrapper {
        private int status = SC_OK;

        DiscardedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void sendError(int status, String message) {
            this.status = status;
        }

        @Override
        public void sendError(int status) {
            this.status = status;
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public void addHeader(String name, String value) {
        }

        @Override
        public void setIntHeader(String name, int value) {
        }

        @Override
        public void setContentType(String type) {
        }

        @Override
        public void setCharacterEncoding(String charset) {
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setContentLengthLong(long length) {
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void flushBuffer() {
        }

        @Override
        public void reset() {
        }

        @Override
        public void resetBuffer() {
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(OutputStream.nullOutputStream());
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new DiscardingOutputStream();
        }
    }
}
