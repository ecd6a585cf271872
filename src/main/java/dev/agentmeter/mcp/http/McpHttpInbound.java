package dev.agentmeter.mcp.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import dev.agentmeter.mcp.JsonRpcErrors;
import dev.agentmeter.mcp.JsonRpcLines;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;

/**
 * The body of a POST to {@code /mcp}, read and checked by us before the SDK sees it, with the rules stdio applies
 * to a line ({@link JsonRpcLines}): so a duplicated key, {@code "jsonrpc":"1.0"} or an id of a forbidden type is
 * refused over HTTP as on stdio, and the SDK only ever reads a message we accepted. A body is read only when the
 * SDK would read it (its path, header, Content-Type and Accept checks pass); otherwise the SDK refuses the request
 * as before.
 *
 * <p>Thread-safe.
 */
public final class McpHttpInbound {

    /** What a body turned out to be. */
    sealed interface Read permits TooLarge, NotAMessage, Message {
    }

    /** Longer than a message may be. */
    record TooLarge() implements Read {
    }

    /** Not a JSON-RPC message; {@code response} is the JSON-RPC error that answers it (with HTTP 400). */
    record NotAMessage(String response) implements Read {
    }

    record Message(JSONRPCMessage message) implements Read {
    }

    private final McpJsonMapper mapper;
    private final JsonRpcLines lines;
    private final ServerHttpHeaderValidator headers;
    private final int maxBytes;

    public McpHttpInbound(McpJsonMapper mapper, ServerHttpHeaderValidator headers, int maxBytes) {
        this.mapper = mapper;
        this.lines = new JsonRpcLines(mapper);
        this.headers = headers;
        this.maxBytes = maxBytes;
    }

    /** Whether the SDK would read this POST's body: every check it makes before reading passes. */
    boolean readable(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getRequestURI().endsWith(McpHttpEndpoint.PATH)
                && request.getContentLengthLong() <= maxBytes
                && headersAllowed(request)
                && isJson(request.getContentType())
                && accept != null && accept.contains("application/json") && accept.contains("text/event-stream");
    }

    /** Reads the body (at most the message limit) and tells what it is. */
    Read read(HttpServletRequest request) throws IOException {
        var body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = request.getInputStream();
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            if (body.size() + read > maxBytes) {
                return new TooLarge();
            }
            body.write(buffer, 0, read);
        }
        JsonRpcLines.Inbound inbound = lines.read(body.toByteArray());
        if (inbound instanceof JsonRpcLines.Message message) {
            return new Message(message.message());
        }
        if (inbound instanceof JsonRpcLines.Rejected rejected) {
            return new NotAMessage(rejected.response());
        }
        return new NotAMessage(JsonRpcErrors.response(null, JsonRpcErrors.PARSE_ERROR,
                "Parse error: the body is empty; send one JSON-RPC message"));
    }

    /** The bytes the SDK is to read for {@code message}. */
    byte[] bytesOf(JSONRPCMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException("an MCP message could not be written as JSON", e);
        }
    }

    /** Whether the request's Origin, Host and MCP-Protocol-Version headers pass the endpoint's rules. */
    boolean headersAllowed(HttpServletRequest request) {
        try {
            headers.validate(new ServletHeaders(request));
            return true;
        } catch (ServerTransportSecurityException e) {
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = parameters >= 0 ? contentType.substring(0, parameters) : contentType;
        return mediaType.strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    /** A request's headers as the SDK's validators read them. */
    private record ServletHeaders(HttpServletRequest request) implements HeaderAccessor {
        @Override
        public List<String> getHeader(String name) {
            return Collections.list(request.getHeaders(name));
        }

        @Override
        public List<String> getHeaderNames() {
            return Collections.list(request.getHeaderNames());
        }
    }
}
