package dev.agentmeter.mcp.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Wraps the response given to the SDK's servlet: once the status is an error (by {@code setStatus} or
 * {@code sendError}), whatever the SDK writes is kept aside instead of sent, and {@link #finish} writes our own
 * small JSON-RPC error instead (see {@link McpHttpErrors}), or the JSON-RPC answer we gave ({@link #answer}).
 * Successful answers, streams included, pass through untouched.
 *
 * <p>Not thread-safe: used by the one thread that dispatches the request; the SDK writes an error body on that
 * thread before it returns.
 */
final class ErrorBodyGuard extends HttpServletResponseWrapper {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_DRAINED_BYTES = 1024 * 1024;

    private int errorStatus;
    private String sendErrorReason;
    // A JSON-RPC answer of our own (a refused message, with its id), written by finish.
    private String ownAnswer;
    private final StringWriter sdkBody = new StringWriter();

    ErrorBodyGuard(HttpServletResponse response) {
        super(response);
    }

    /** The JSON-RPC answer of ours that {@link #finish} will write, or {@code null}. */
    String ownAnswer() {
        return ownAnswer;
    }

    @Override
    public void sendError(int status, String reason) {
        errorStatus = status;
        sendErrorReason = reason;
        super.setStatus(status);
    }

    @Override
    public void sendError(int status) {
        sendError(status, null);
    }

    @Override
    public void setStatus(int status) {
        super.setStatus(status);
        if (status >= 400) {
            errorStatus = status;
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        return errorStatus > 0 ? new PrintWriter(sdkBody) : super.getWriter();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return errorStatus > 0 ? new DiscardingOutputStream() : super.getOutputStream();
    }

    @Override
    public void flushBuffer() throws IOException {
        if (errorStatus == 0) {
            super.flushBuffer();
        }
    }

    /**
     * Answers {@code json}, a JSON-RPC response of ours, with {@code status}: 400 for a body that is no message,
     * 200 for a request refused with an error of its own (the request was understood; its answer is the error).
     */
    void answer(int status, String json) {
        ownAnswer = json;
        setStatus(status);
    }

    /** The error status the SDK or we answered, 0 when the answer is no error. */
    int errorStatus() {
        return errorStatus;
    }

    /**
     * Writes our answer, or our error body if the answer is an error; call once the SDK's servlet has returned.
     * What is left of a refused body is read first (boundedly): closing a connection with unread bytes makes the
     * kernel reset it, and the client would lose the error it was sent. What cannot be read closes the connection.
     */
    void finish(HttpServletRequest request) throws IOException {
        if (errorStatus != 0 && !drainUnreadBody(request)) {
            setHeader("Connection", "close");
        }
        if ((errorStatus == 0 && ownAnswer == null) || isCommitted()) {
            return;
        }
        var response = (HttpServletResponse) getResponse();
        response.setStatus(ownAnswer != null ? getStatus() : errorStatus);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String json = ownAnswer != null ? ownAnswer : McpHttpErrors.body(errorStatus, reason());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    /** @return whether the whole body has been read */
    private static boolean drainUnreadBody(HttpServletRequest request) {
        var buffer = new byte[8192];
        long left = MAX_DRAINED_BYTES;
        try {
            InputStream body = request.getInputStream(); // the SDK reads it as bytes too
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                left -= read;
                if (left < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /** What the SDK gave as the reason: the message of sendError, or of the JSON-RPC error in its body. */
    private String reason() {
        if (sendErrorReason != null) {
            return sendErrorReason;
        }
        try {
            JsonNode written = MAPPER.readTree(sdkBody.toString());
            if (written == null) {
                return null;
            }
            JsonNode message = written.path("jsonRpcError").path("message");
            return message.isTextual() ? message.asText() : written.path("message").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
