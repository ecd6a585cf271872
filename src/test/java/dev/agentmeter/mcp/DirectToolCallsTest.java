package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.mcp.features.ToolResultValidator;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * The direct path answers every {@code tools/call} with the very bytes the SDK's server sends: the same tool
 * specifications are given to an SDK server (through a session that captures what it sends) and to
 * {@link DirectToolCalls}, and each request is answered by both in turn.
 */
class DirectToolCallsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, Object> OBJECT_SCHEMA = Map.of("type", "object",
            "properties", Map.of("count", Map.of("type", "integer")), "required", List.of("count"));

    private final McpJsonMapper mapper = McpJsonDefaults.getMapper();
    private final ToolResultValidator validator = new ToolResultValidator(McpJsonDefaults.getSchemaValidator());
    private ScheduledExecutorService timer;
    private McpAsyncServer server;
    private CapturingProvider sdk;
    private DirectToolCalls direct;
    private List<String> toolNames;
    private List<AsyncToolSpecification> tools;

    @BeforeEach
    void bothPathsOverTheSameTools() {
        timer = Executors.newSingleThreadScheduledExecutor();
        // A fixed clock and nano-time: a simulated task reports the same duration on both paths.
        var metrics = new PerformanceMetrics(Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC),
                MetricsCapacities.defaults());
        var operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, () -> 0L, 10));
        var features = McpFeatures.of(operations, new JsonCodec(), 100, 50);
        tools = Stream.of(features.tools().specifications().stream(),
                features.app().tools().stream(), testTools()).flatMap(s -> s).toList();
        toolNames = tools.stream().map(tool -> tool.tool().name()).toList();
        sdk = new CapturingProvider(mapper);
        server = McpServer.async(sdk).serverInfo("agentmeter", "test")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper).jsonSchemaValidator(validator).validateToolInputs(false).tools(tools).build();
        direct = new DirectToolCalls(tools, validator, mapper);
        sdk.initialize();
    }

    @AfterEach
    void stop() {
        server.closeGracefully().block(WAIT);
        timer.shutdownNow();
    }

    @Test
    void everyToolWithoutArgumentsAnswersAsTheSdk() {
        for (String name : toolNames) {
            assertSameAnswer(call(1, name, Map.of()));
        }
    }

    @Test
    void validCallsAndToolErrorsAnswerAsTheSdk() {
        assertSameAnswer(call("a", "get_request_history", Map.of("limit", 3)));
        assertSameAnswer(call(2, "get_request_history", Map.of("limit", "ten")));
        assertSameAnswer(call(3, "get_error_log", Map.of("limit", -1)));
        assertSameAnswer(call(4, "simulate_agent_task", Map.of("name", "t", "duration", 0)));
        assertSameAnswer(call(5, "simulate_agent_task", Map.of("name", 42)));
        assertSameAnswer(call(6, "record_agent_task", Map.of("name", "x", "duration_ms", "slow", "success", true)));
        assertSameAnswer(call(7, "get_performance_metrics", Map.of("unexpected", List.of(1, 2))));
        assertSameAnswer(call(8, "get_alerts", Map.of()));
    }

    @Test
    void anUnknownToolIsTheSdksInvalidParamsError() {
        String answer = assertSameAnswer(call(9, "no_such_tool", Map.of()));

        assertThat(answer).contains("\"code\":-32602").contains("Unknown tool: invalid_tool_name")
                .contains("Tool not found: no_such_tool");
    }

    @Test
    void resultsOffTheirOutputSchemaAndFaultsAnswerAsTheSdk() {
        assertThat(assertSameAnswer(call(10, "off_schema", Map.of()))).contains("output validation failed");
        assertThat(assertSameAnswer(call(11, "no_structured_content", Map.of())))
                .contains("Response missing structured content");
        assertThat(assertSameAnswer(call(12, "structured_only", Map.of()))).contains("\\\"count\\\":3");
        assertThat(assertSameAnswer(call(13, "refusing", Map.of()))).contains("\"code\":-32602");
        assertThat(assertSameAnswer(call(14, "throwing", Map.of()))).contains("\"code\":-32603");
        assertSameAnswer(call(15, "off_schema_error", Map.of()));
    }

    @Test
    void aNullIdAndMetaInTheParamsAnswerAsTheSdk() {
        var params = new LinkedHashMap<String, Object>();
        params.put("name", "get_error_log");
        params.put("arguments", Map.of("limit", 2));
        params.put("_meta", Map.of("progressToken", "p1"));
        assertSameAnswer(new JSONRPCRequest(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_TOOLS_CALL, 16, params));
    }

    @Test
    void paramsTakenAsTheyAreOrThroughTheMapperAnswerAsTheSdk() {
        assertSameAnswer(request(17, Map.of("name", "get_request_history")));
        var nullArguments = new LinkedHashMap<String, Object>();
        nullArguments.put("name", "get_request_history");
        nullArguments.put("arguments", null);
        assertSameAnswer(request(18, nullArguments));
        assertSameAnswer(request(19, Map.of("name", "get_error_log", "arguments", Map.of("limit", 1),
                "extra", List.of("ignored"))));
        assertSameAnswer(request(20, Map.of("arguments", Map.of())));
        assertSameAnswer(request(21, Map.of("name", 7, "arguments", Map.of())));
    }

    @Test
    void answeredLaterTheResultIsCheckedWhereTheAnswerIsMadeAndTheAnswerIsTheSdks() throws Exception {
        var checkedOn = Collections.synchronizedList(new ArrayList<String>());
        var recording = new JsonSchemaValidator() {
            @Override
            public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
                checkedOn.add(Thread.currentThread().getName());
                return validator.validate(schema, structuredContent);
            }

            @Override
            public ValidationResponse validateSchema(Map<String, Object> schema) {
                return validator.validateSchema(schema);
            }
        };
        var later = new DirectToolCalls(tools, recording, mapper);
        ExecutorService maker = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "answer-maker"));
        try {
            int id = 30;
            for (String name : List.of("off_schema", "get_performance_metrics", "throwing", "no_such_tool")) {
                JSONRPCRequest request = call(id++, name, Map.of());
                Supplier<JSONRPCResponse> answer = later.answerLater(request).block(WAIT);
                assertThat(checkedOn).as(name).isEmpty();

                String made = text(maker.submit(answer::get).get(WAIT.toSeconds(), TimeUnit.SECONDS));

                assertThat(made).as(name).isEqualTo(sdk.answer(request));
                // Only the two tools with an output schema and a result are checked: on the thread that made it.
                assertThat(checkedOn).as(name).isEqualTo(name.equals("off_schema")
                        || name.equals("get_performance_metrics") ? List.of("answer-maker") : List.of());
                checkedOn.clear();
            }
        } finally {
            maker.shutdownNow();
        }
    }

    private static JSONRPCRequest request(Object id, Map<String, Object> params) {
        return new JSONRPCRequest(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_TOOLS_CALL, id, params);
    }

    /** Both answers to {@code request}: the SDK's first, then ours, compared as text. */
    private String assertSameAnswer(JSONRPCRequest request) {
        String fromSdk = sdk.answer(request);
        String fromDirect = text(direct.answer(request).block(WAIT));
        assertThat(fromDirect).as(request.toString()).isEqualTo(fromSdk);
        return fromDirect;
    }

    private JSONRPCRequest call(Object id, String tool, Map<String, Object> arguments) {
        return new JSONRPCRequest(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_TOOLS_CALL, id,
                Map.of("name", tool, "arguments", arguments));
    }

    private String text(JSONRPCMessage message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Tools whose results take the paths our own tools never take: off schema, missing parts, failures. */
    private static Stream<AsyncToolSpecification> testTools() {
        return Stream.of(
                tool("off_schema", OBJECT_SCHEMA, CallToolResult.builder().addTextContent("{\"count\":\"three\"}")
                        .structuredContent(Map.of("count", "three")).build()),
                tool("off_schema_error", OBJECT_SCHEMA, CallToolResult.builder().addTextContent("broken")
                        .structuredContent(Map.of("count", "three")).isError(true).build()),
                tool("no_structured_content", OBJECT_SCHEMA, CallToolResult.builder().addTextContent("3").build()),
                tool("structured_only", OBJECT_SCHEMA, CallToolResult.builder().structuredContent(Map.of("count", 3))
                        .build()),
                new AsyncToolSpecification(Tool.builder("refusing", Map.of("type", "object")).build(),
                        (exchange, request) -> Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                                .message("not now").data(Map.of("why", "test")).build())),
                new AsyncToolSpecification(Tool.builder("throwing", Map.of("type", "object")).build(),
                        (exchange, request) -> Mono.error(new IllegalStateException("broken on purpose"))));
    }

    private static AsyncToolSpecification tool(String name, Map<String, Object> outputSchema, CallToolResult result) {
        var tool = Tool.builder(name, Map.of("type", "object")).outputSchema(outputSchema).build();
        return new AsyncToolSpecification(tool, (exchange, request) -> Mono.just(result));
    }

    /** One SDK session whose every outgoing message is captured as the text the transports would send. */
    private static final class CapturingProvider implements McpServerTransportProvider {
        private final McpJsonMapper mapper;
        private final AtomicReference<String> sent = new AtomicReference<>();
        private McpServerSession session;

        CapturingProvider(McpJsonMapper mapper) {
            this.mapper = mapper;
        }

        void initialize() {
            var params = Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "test", "version", "1"));
            answer(new JSONRPCRequest(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_INITIALIZE, 0, params));
            session.handle(new JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                    McpSchema.METHOD_NOTIFICATION_INITIALIZED, null)).block(WAIT);
        }

        String answer(JSONRPCRequest request) {
            sent.set(null);
            session.handle(request).block(WAIT);
            return sent.get();
        }

        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
            session = factory.create(new McpServerTransport() {
                @Override
                public Mono<Void> sendMessage(JSONRPCMessage message) {
                    return Mono.fromRunnable(() -> {
                        try {
                            sent.set(mapper.writeValueAsString(message));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }

                @Override
                public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
                    return mapper.convertValue(data, type);
                }

                @Override
                public Mono<Void> closeGracefully() {
                    return Mono.empty();
                }
            });
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public List<String> protocolVersions() {
            return new ArrayList<>(McpProtocolVersions.SUPPORTED);
        }
    }
}
