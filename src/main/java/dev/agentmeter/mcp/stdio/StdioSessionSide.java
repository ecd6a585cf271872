package dev.agentmeter.mcp.stdio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import dev.agentmeter.mcp.McpErrors;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerTransport;
import reactor.core.publisher.Mono;

/**
 * The stdio session's side of the transport: every message the SDK's session sends, and every answer of a direct
 * tool call, goes out through the writer thread ({@link StdioOutput}) from here, timed by {@link StdioOperations}.
 *
 * <p>Thread-safe: called by whichever thread has a message.
 */
final class StdioSessionSide implements McpServerTransport {

    private final McpJsonMapper jsonMapper;
    private final StdioOutput output;
    private final StdioOperations operations;

    StdioSessionSide(McpJsonMapper jsonMapper, StdioOutput output, StdioOperations operations) {
        this.jsonMapper = jsonMapper;
        this.output = output;
        this.operations = operations;
    }

    /**
     * Answers go out in order through the writer (their requests hold in-flight permits, which bounds them);
     * notifications of ours are bounded by {@link StdioOutput}. An internal error's message is replaced by ours: the
     * SDK words it from the Java exception, class names and all.
     */
    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        if (message instanceof JSONRPCNotification) {
            return output.notification(serialized(message));
        }
        JSONRPCMessage answer = observed(message);
        return output.answer(() -> serialized(answer));
    }

    /**
     * An answer that {@code answer} makes on the writer thread, just before it is written (a direct tool call's: its
     * check against the output schema and its JSON are the larger part of a call; see
     * {@link dev.agentmeter.mcp.DirectToolCalls#answerLater}). {@code answer} must not fail.
     */
    Mono<Void> sendMadeByWriter(Supplier<JSONRPCResponse> answer) {
        return output.answer(() -> serialized(observed(answer.get())));
    }

    /** {@code message} as it is sent (an internal error worded by us), counted as answered when it is a response. */
    private JSONRPCMessage observed(JSONRPCMessage message) {
        JSONRPCMessage answer = McpErrors.withoutInternals(message);
        if (answer instanceof JSONRPCResponse response) {
            operations.answered(response);
        }
        return answer;
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return jsonMapper.convertValue(data, typeRef);
    }

    /** Nothing to release: the reader ends with stdin, the writer once the last answer is out. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    private byte[] serialized(JSONRPCMessage message) {
        try {
            return jsonMapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException("an MCP message could not be written as JSON", e);
        }
    }
}
