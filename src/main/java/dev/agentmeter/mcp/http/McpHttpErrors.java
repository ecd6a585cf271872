package dev.agentmeter.mcp.http;

import java.util.regex.Pattern;

import dev.agentmeter.mcp.JsonRpcErrors;
import dev.agentmeter.mcp.McpProtocolVersions;
import dev.agentmeter.mcp.McpServers;

/**
 * The body of every HTTP error that {@code /mcp} answers: a small JSON-RPC error written by us. The SDK's own
 * error bodies serialise the Java exception, stack trace included, and echo parser messages; none of that
 * reaches a client. Only the SDK's few fixed header complaints are passed on, because they say what to fix.
 *
 * <p>Thread-safe (stateless).
 */
final class McpHttpErrors {

    /** The reason our endpoint gives for a 503 when it is too busy, as opposed to shutting down. */
    static final String BUSY = "busy";
    /** The reason our endpoint gives for a 503 when it holds as many sessions as it may. */
    static final String TOO_MANY_SESSIONS = "too many sessions";
    /** The reason for a 503 when the client's address holds as many sessions as one address may. */
    static final String TOO_MANY_FROM_ADDRESS = "too many sessions from this address";

    private static final Pattern HEADER_COMPLAINT = Pattern.compile("[A-Za-z/ ;.-]*required in [A-Za-z/ ;.-]*");
    private static final String INVALID_FORMAT = "Invalid message format";

    private McpHttpErrors() {
    }

    /** The JSON text for an error answer with {@code status}; {@code sdkReason} is what the SDK said, if anything. */
    static String body(int status, String sdkReason) {
        String reason = sdkReason == null ? "" : sdkReason;
        int code = JsonRpcErrors.INVALID_REQUEST;
        String message;
        switch (status) {
            case 400 -> {
                if (reason.startsWith(INVALID_FORMAT)) {
                    boolean notAMessage = reason.contains("Cannot deserialize");
                    code = notAMessage ? JsonRpcErrors.INVALID_REQUEST : JsonRpcErrors.PARSE_ERROR;
                    message = notAMessage ? "Invalid Request: the body is not a JSON-RPC message object"
                            : "Parse error: the body is not valid JSON";
                } else if (ProtocolVersionHeader.UNSUPPORTED.equals(reason)) {
                    message = "Bad Request: unsupported MCP-Protocol-Version; this server speaks "
                            + String.join(", ", McpProtocolVersions.SUPPORTED);
                } else if (HEADER_COMPLAINT.matcher(reason).matches()) {
                    message = "Bad Request: " + reason;
                } else {
                    message = "Bad Request";
                }
            }
            case 403 -> message = "Forbidden: this Origin may not call /mcp (start AgentMeter with "
                    + "--allowed-origin to allow it)";
            case 404 -> message = "Not Found: no such MCP session; it may have ended, so initialize a new one";
            case 405 -> message = "Method Not Allowed: /mcp answers POST, GET and DELETE";
            case 413 -> message = "Payload Too Large: a message may be at most "
                    + McpServers.MAX_MESSAGE_BYTES / (1024 * 1024) + " MiB";
            case 415 -> message = "Unsupported Media Type: send Content-Type: application/json";
            case 421 -> message = "Misdirected Request: this Host header is not allowed";
            case 503 -> message = switch (reason) {
                case BUSY -> "Service Unavailable: too many MCP requests in progress; retry shortly";
                case TOO_MANY_SESSIONS -> "Service Unavailable: too many MCP sessions are open; end one with "
                        + "DELETE /mcp, or retry once idle ones have expired";
                case TOO_MANY_FROM_ADDRESS -> "Service Unavailable: too many MCP sessions are open from your address; "
                        + "end one with DELETE /mcp, or retry once one of them has been idle for a while";
                default -> "Service Unavailable: the server is shutting down";
            };
            default -> {
                if (status >= 500) {
                    code = JsonRpcErrors.INTERNAL_ERROR;
                    message = "Internal error; the server log has the details";
                } else {
                    message = "Request refused (HTTP " + status + ")";
                }
            }
        }
        return JsonRpcErrors.response(null, code, message);
    }
}
