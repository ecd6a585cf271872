package dev.agentmeter.mcp;

import java.io.IOException;
import java.util.Map;

import dev.agentmeter.mcp.features.ToolDefinitions;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.InitializeRequest;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;

/**
 * Has the SDK's JSON mapper (one per process) learn the types of the first request and answers, {@code initialize}'s
 * and {@code tools/list}'s, on a thread of its own while the main thread parses the command line. Jackson looks at
 * each record type once, annotations and all, and then keeps its serializer: done here, that work runs on the
 * second core instead of on the path to the first answer (issue 15, start-up: the first {@code tools/list}
 * answer about 60 ms sooner on two cores, 8 interleaved runs). What it writes is thrown away; the real
 * {@link McpServers} builds its own answers.
 */
public final class FirstAnswersWarmUp {

    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() { };

    private FirstAnswersWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns it; it never delays the process's exit. */
    public static Thread startAside() {
        var thread = new Thread(FirstAnswersWarmUp::run, "agentmeter-json-start");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Reads an {@code initialize} request's params, converts the capabilities as {@link McpServers} does and writes
     * an {@code initialize} answer and the tool list once; throws where the real ones would fail. (Reading the
     * request here too: 420 → 407 ms to the first answer, 20 runs taking turns; BENCHMARKS.md, round 5.)
     */
    static void run() {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        String newest = McpProtocolVersions.SUPPORTED.get(McpProtocolVersions.SUPPORTED.size() - 1);
        try {
            // An initialize request as clients send it: read twice on the way to its answer (ParamsShapes, then the
            // SDK), each record made through its constructor, which core reflection first has to learn.
            mapper.convertValue(Map.of("protocolVersion", newest, "capabilities", Map.of("roots",
                    Map.of("listChanged", true), "sampling", Map.of(), "elicitation", Map.of()),
                    "clientInfo", Map.of("name", "warm-up", "version", "0")), InitializeRequest.class);
            mapper.convertValue(McpServers.capabilities(), OBJECT);
            // The version and the capacities only change words, not types: the settings are not read yet.
            mapper.writeValueAsString(new InitializeResult(newest, McpServers.capabilities(),
                    new Implementation(McpServers.SERVER_NAME, "0"), McpServers.INSTRUCTIONS));
            mapper.writeValueAsString(new ListToolsResult(new ToolDefinitions(1, 1).all(), null));
        } catch (IOException e) {
            throw new IllegalStateException("the first answers cannot be written as JSON", e);
        }
    }
}
