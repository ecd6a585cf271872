package dev.agentmeter.mcp.stateless;

import java.util.List;
import java.util.Map;

/**
 * The names and numbers of MCP revision 2026-07-28 (the stateless one) that this front end uses: its version, the
 * reserved {@code _meta} keys, the error codes it added, and its methods. The SDK's {@code McpSchema} knows none of
 * them.
 *
 * <p>Thread-safe (constants).
 */
public final class ModernProtocol {

    public static final String VERSION = "2026-07-28";
    /** The revisions served per request (statelessly); older ones are reached through {@code initialize}. */
    public static final List<String> SUPPORTED = List.of(VERSION);

    public static final String PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities";
    public static final String CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo";
    public static final String LOG_LEVEL_KEY = "io.modelcontextprotocol/logLevel";
    public static final String SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";
    public static final String SUBSCRIPTION_ID_KEY = "io.modelcontextprotocol/subscriptionId";

    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    public static final int HEADER_MISMATCH = -32020;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    public static final String DISCOVER = "server/discover";
    public static final String LISTEN = "subscriptions/listen";
    public static final String TOOLS_LIST = "tools/list";
    public static final String TOOLS_CALL = "tools/call";
    public static final String RESOURCES_LIST = "resources/list";
    public static final String RESOURCE_TEMPLATES_LIST = "resources/templates/list";
    public static final String RESOURCES_READ = "resources/read";
    public static final String PROMPTS_LIST = "prompts/list";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String COMPLETE = "completion/complete";
    public static final String CANCELLED = "notifications/cancelled";
    public static final String ACKNOWLEDGED = "notifications/subscriptions/acknowledged";
    public static final String RESOURCE_UPDATED = "notifications/resources/updated";
    public static final String LOG_MESSAGE = "notifications/message";

    /** The methods whose {@code params.name} or {@code params.uri} an HTTP request repeats in {@code Mcp-Name}. */
    static final Map<String, String> NAMED_BY = Map.of(TOOLS_CALL, "name", PROMPTS_GET, "name", RESOURCES_READ, "uri");

    private ModernProtocol() {
    }

    /** Whether {@code version} is one this front end serves (a 2026-07-28 or later revision it knows). */
    public static boolean isModern(String version) {
        return version != null && SUPPORTED.contains(version.strip());
    }
}
