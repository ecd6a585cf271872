package dev.agentmeter.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * A real MCP stdio server built with the SDK, for the proxy tests: the tools a proxy must carry faithfully.
 * {@code fast} echoes, {@code slow} sleeps, {@code throws} throws, {@code is_error} fails as a result,
 * {@code progress} reports progress, {@code ask_sampling} asks the client's model, {@code crash} exits with code 3.
 * It says {@code downstream stderr line} on stderr when it starts, and exits 0 when its stdin ends.
 */
public final class DownstreamTestServer {

    static final String STDERR_GREETING = "downstream stderr line";
    static final int CRASH_EXIT_CODE = 3;

    private DownstreamTestServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("agentmeter.log.level", "warn");
        var stdinEnded = new CountDownLatch(1);
        InputStream stdin = new FilterInputStream(System.in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read < 0) {
                    stdinEnded.countDown();
                }
                return read;
            }

            @Override
            public int read() throws IOException {
                int read = super.read();
                if (read < 0) {
                    stdinEnded.countDown();
                }
                return read;
            }
        };
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), stdin, System.out);
        var server = McpServer.sync(transport)
                .serverInfo("downstream-test-server", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .toolCall(tool("fast", "Echoes its text.", Map.of("text", Map.of("type", "string"))),
                        (exchange, request) -> text("echo: " + request.arguments().get("text")))
                .toolCall(tool("slow", "Sleeps for millis.", Map.of("millis", Map.of("type", "integer"))), slow())
                .toolCall(tool("throws", "Throws.", Map.of()), (exchange, request) -> {
                    throw new IllegalStateException("the throws tool failed on purpose");
                })
                .toolCall(tool("is_error", "Fails as a result.", Map.of()), (exchange, request) ->
                        CallToolResult.builder().addTextContent("the is_error tool reports a failure").isError(true)
                                .build())
                .toolCall(tool("progress", "Reports progress three times.", Map.of()), DownstreamTestServer::progress)
                .toolCall(tool("ask_sampling", "Asks the client's model.", Map.of("question", Map.of("type", "string"))),
                        DownstreamTestServer::askSampling)
                .toolCall(tool("crash", "Exits the process.", Map.of()), (exchange, request) -> {
                    Runtime.getRuntime().halt(CRASH_EXIT_CODE);
                    return text("unreachable");
                })
                .build();
        System.err.println(STDERR_GREETING);
        stdinEnded.await();
        server.close();
        System.exit(0);
    }

    private static McpSchema.Tool tool(String name, String description, Map<String, Object> properties) {
        return McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(Map.of("type", "object", "properties", properties)).build();
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).build();
    }

    private static BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> slow() {
        return (exchange, request) -> {
            long millis = ((Number) request.arguments().getOrDefault("millis", 100)).longValue();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text("slept " + millis + " ms");
        };
    }

    private static CallToolResult progress(McpSyncServerExchange exchange, CallToolRequest request) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        if (token != null) {
            for (int step = 1; step <= 3; step++) {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, step, 3.0, "step " + step));
            }
        }
        return text("progress done");
    }

    private static CallToolResult askSampling(McpSyncServerExchange exchange, CallToolRequest request) {
        var message = new McpSchema.SamplingMessage(McpSchema.Role.USER,
                new McpSchema.TextContent(String.valueOf(request.arguments().get("question"))));
        McpSchema.CreateMessageResult answer = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                .messages(List.of(message)).maxTokens(50).build());
        return text("the model said: " + ((McpSchema.TextContent) answer.content()).text());
    }
}
