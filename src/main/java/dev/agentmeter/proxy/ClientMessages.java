package dev.agentmeter.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads what the proxy needs from a client-to-server line: a {@code tools/call} request, the client's name from
 * {@code initialize}, a cancellation. Lines that mention none of these are not parsed at all, which keeps the
 * common path to a byte scan. Malformed lines yield nothing. Thread-safe (stateless).
 *
 * <p>MCP 2026-07-28 has no {@code initialize}: each request names its client in
 * {@code params._meta["io.modelcontextprotocol/clientInfo"]}, which a {@code tools/call} carries along here. A
 * 2025-11-25 request has no such key, and its client stays the one {@code initialize} named.
 */
final class ClientMessages {

    /** What a client line can tell the proxy. */
    sealed interface ClientEvent permits ToolCallStarted, ClientNamed, RequestCancelled {
    }

    /**
     * A {@code tools/call} request: its id (see {@link RequestIds}), the tool's name, and the client's name from the
     * request's own {@code _meta} (2026-07-28), or {@code null} when it carries none.
     */
    record ToolCallStarted(String idKey, String toolName, String clientName) implements ClientEvent {
    }

    /** {@code initialize} named the client. */
    record ClientNamed(String clientName) implements ClientEvent {
    }

    /** {@code notifications/cancelled} for a request id. */
    record RequestCancelled(String idKey) implements ClientEvent {
    }

    /** Where a 2026-07-28 request names its client, inside {@code params._meta}. */
    static final String CLIENT_INFO_META_KEY = "io.modelcontextprotocol/clientInfo";

    private static final byte[][] MARKERS = {bytes("tools/call"), bytes("initialize"), bytes("notifications/cancelled")};

    private final ObjectMapper json;

    ClientMessages(ObjectMapper json) {
        this.json = json;
    }

    List<ClientEvent> read(byte[] bytes, int offset, int length) {
        if (!mentionsAnyMarker(bytes, offset, length)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(bytes, offset, length);
        } catch (IOException e) {
            return List.of();
        }
        var events = new ArrayList<ClientEvent>(1);
        if (root != null && root.isArray()) {
            root.forEach(message -> readMessage(message, events));
        } else if (root != null) {
            readMessage(root, events);
        }
        return events;
    }

    private static void readMessage(JsonNode message, List<ClientEvent> events) {
        String method = message.path("method").asText("");
        JsonNode params = message.path("params");
        switch (method) {
            case "tools/call" -> {
                String idKey = RequestIds.key(message.get("id"));
                JsonNode name = params.get("name");
                if (idKey != null && name != null && name.isTextual()) {
                    events.add(new ToolCallStarted(idKey, name.asText(), requestClientName(params)));
                }
            }
            case "initialize" -> {
                JsonNode name = params.path("clientInfo").get("name");
                if (name != null && name.isTextual()) {
                    events.add(new ClientNamed(name.asText()));
                }
            }
            case "notifications/cancelled" -> {
                String idKey = RequestIds.key(params.get("requestId"));
                if (idKey != null) {
                    events.add(new RequestCancelled(idKey));
                }
            }
            default -> {
                // Nothing the proxy records.
            }
        }
    }

    private static String requestClientName(JsonNode params) {
        JsonNode name = params.path("_meta").path(CLIENT_INFO_META_KEY).get("name");
        return name != null && name.isTextual() ? name.asText() : null;
    }

    private static boolean mentionsAnyMarker(byte[] bytes, int offset, int length) {
        for (byte[] marker : MARKERS) {
            if (indexOf(bytes, offset, length, marker) >= 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] bytes, int offset, int length, byte[] marker) {
        int last = offset + length - marker.length;
        outer:
        for (int i = offset; i <= last; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
