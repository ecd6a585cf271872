package dev.agentmeter.mcp.stateless;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.mcp.McpFeatures;
import dev.agentmeter.mcp.ParamsShapes;
import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import io.modelcontextprotocol.json.McpJsonDefaults;

/**
 * The dispatcher on its own: the observer hears each request once with its method, target, version, error and
 * duration (the hook for {@code mcp.server.operation.duration}), and log messages are request-scoped.
 */
class StatelessDispatcherTest {

    private record Observed(String method, String target, String version, String error, long durationNanos) {
    }

    private final List<Observed> observed = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private ScheduledExecutorService timer;
    private StatelessDispatcher dispatcher;

    @BeforeEach
    void start() {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        timer = Executors.newSingleThreadScheduledExecutor();
        var operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
        var mapper = McpJsonDefaults.getMapper();
        var catalog = new FeatureCatalog(McpFeatures.of(operations, new JsonCodec(), 100, 50), mapper);
        dispatcher = new StatelessDispatcher(catalog, new ParamsShapes(mapper),
                new ServerIdentity("agentmeter", "test", Map.of("tools", Map.of()), "instructions"),
                (method, target, version, error, nanos) -> observed.add(new Observed(method, target, version, error,
                        nanos)),
                () -> clock.getAndAdd(250));
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void observerHearsMethodToolVersionAndDurationOfACall() throws Exception {
        Reply reply = call("tools/call", params("2026-07-28", null, "get_performance_metrics", Map.of()));

        assertThat(reply.answer()).isInstanceOf(Answer.Result.class);
        assertThat(observed).containsExactly(new Observed("tools/call", "get_performance_metrics", "2026-07-28",
                null, 250));
    }

    @Test
    void observerHearsTheErrorTypeOfARefusalAndOfAToolError() throws Exception {
        call("tools/call", params("1900-01-01", null, "get_performance_metrics", Map.of()));
        call("tools/call", params("2026-07-28", null, "simulate_agent_task", Map.of("name", "x", "duration", 9)));
        call("ping", params("2026-07-28", null, null, null));

        assertThat(observed).extracting(Observed::error).containsExactly("-32022", "tool_error", "-32601");
    }

    @Test
    void aFailedTaskIsLoggedOnlyToARequestThatAskedForItsLevel() throws Exception {
        Map<String, Object> failing = Map.of("name", "job", "duration_ms", 12.5, "success", false, "error", "boom");

        Reply unasked = call("tools/call", params("2026-07-28", null, "record_agent_task", failing));
        Reply tooHigh = call("tools/call", params("2026-07-28", "error", "record_agent_task", failing));
        Reply asked = call("tools/call", params("2026-07-28", "warning", "record_agent_task", failing));

        assertThat(unasked.logs()).isEmpty();
        assertThat(tooHigh.logs()).isEmpty();
        assertThat(asked.logs()).containsExactly(Map.of("level", "warning", "logger", "agentmeter",
                "data", "task \"job\" failed after 12.5 ms: boom"));
    }

    @Test
    void listsCarryResultTypeAndCacheHints() throws Exception {
        var result = (Answer.Result) call("tools/list", params("2026-07-28", null, null, null)).answer();

        assertThat(result.fields()).containsEntry("resultType", "complete").containsEntry("ttlMs", 3_600_000L)
                .containsEntry("cacheScope", "public");
        assertThat(((Map<?, ?>) result.fields().get("_meta")).containsKey(ModernProtocol.SERVER_INFO_KEY)).isTrue();
    }

    private Reply call(String method, Map<String, Object> params) throws Exception {
        return dispatcher.dispatch(method, params, StatelessDispatcher.TransportRules.NONE).get(10, TimeUnit.SECONDS);
    }

    private static Map<String, Object> params(String version, String logLevel, String tool, Map<String, Object> args) {
        var meta = new LinkedHashMap<String, Object>();
        meta.put(ModernProtocol.PROTOCOL_VERSION_KEY, version);
        meta.put(ModernProtocol.CLIENT_CAPABILITIES_KEY, Map.of());
        if (logLevel != null) {
            meta.put(ModernProtocol.LOG_LEVEL_KEY, logLevel);
        }
        var params = new LinkedHashMap<String, Object>();
        params.put("_meta", meta);
        if (tool != null) {
            params.put("name", tool);
            params.put("arguments", args);
        }
        return params;
    }
}
