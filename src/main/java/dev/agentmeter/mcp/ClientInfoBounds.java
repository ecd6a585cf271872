package dev.agentmeter.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/**
 * What a session keeps of its client's {@code initialize}, bounded: the SDK holds the client's info and
 * capabilities for the session's life, and a client may send megabytes of them. Kept: the protocol version, the
 * capabilities the SDK knows (roots, sampling, elicitation, which it reads into small records), and the client's
 * name, title and version cut to {@value #MAX_TEXT_LENGTH} characters. Dropped: experimental capabilities,
 * extensions, the client's description, icons and website, and {@code _meta}: nothing here reads them.
 *
 * <p>Thread-safe (stateless).
 */
final class ClientInfoBounds {

    static final int MAX_TEXT_LENGTH = 256;

    private static final List<String> KEPT_CAPABILITIES = List.of("roots", "sampling", "elicitation");
    private static final List<String> KEPT_CLIENT_INFO = List.of("name", "title", "version");

    private ClientInfoBounds() {
    }

    /** {@code initialize} with its params bounded; its params must be an object (as {@link ParamsShapes} checks). */
    static JSONRPCRequest bounded(JSONRPCRequest initialize) {
        Map<?, ?> params = (Map<?, ?>) initialize.params();
        var kept = new LinkedHashMap<String, Object>();
        kept.put("protocolVersion", params.get("protocolVersion"));
        kept.put("capabilities", only(params.get("capabilities"), KEPT_CAPABILITIES, false));
        kept.put("clientInfo", only(params.get("clientInfo"), KEPT_CLIENT_INFO, true));
        return new JSONRPCRequest(initialize.jsonrpc(), initialize.method(), initialize.id(), kept);
    }

    private static Map<String, Object> only(Object object, List<String> keys, boolean cutText) {
        var kept = new LinkedHashMap<String, Object>();
        if (object instanceof Map<?, ?> map) {
            for (String key : keys) {
                Object value = map.get(key);
                if (value != null) {
                    kept.put(key, cutText && value instanceof String text ? cut(text) : value);
                }
            }
        }
        return kept;
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_TEXT_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT_LENGTH));
    }
}
