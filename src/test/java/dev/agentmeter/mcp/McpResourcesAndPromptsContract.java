package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CompleteReference;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest.CompleteArgument;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceReference;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

/**
 * What every MCP transport must do beyond tools: resources and the task template, subscriptions with updates,
 * prompts, completions and ping, run against each transport by a subclass with the SDK's own client. Updates
 * arrive on their own; every wait for them is bounded, and a test that expects none waits for a later update on
 * the same session instead of sleeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpResourcesAndPromptsContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ListeningClient listening;
    private McpSyncClient client;

    private final McpServerUnderTest server;

    protected McpResourcesAndPromptsContract(McpServerUnderTest server) {
        this.server = server;
    }

    @BeforeAll
    void connect() throws Exception {
        server.start();
        listening = ListeningClient.connect(server.newClientTransport(), getClass().getSimpleName());
        client = listening.sdk;
    }

    @AfterAll
    void disconnect() {
        if (listening != null) {
            listening.close();
        }
        server.stop();
    }

    @BeforeEach
    void startFromZero() {
        listening.call("reset_performance_metrics", Map.of());
    }

    @Test
    void declaresResourcesWithSubscriptionsPromptsCompletionsAndLogging() {
        var capabilities = client.getServerCapabilities();

        assertThat(capabilities.resources().subscribe()).isTrue();
        assertThat(capabilities.prompts()).isNotNull();
        assertThat(capabilities.completions()).isNotNull();
        assertThat(capabilities.logging()).isNotNull();
    }

    @Test
    void negotiatesAProtocolVersionTheSdkSpeaks() {
        assertThat(client.getCurrentInitializationResult().protocolVersion()).isIn(McpProtocolVersions.SUPPORTED);
    }

    @Test
    void answersPing() {
        assertThat(client.ping()).isNotNull();
    }

    @Test
    void listsTheFourResourcesAsJsonWithNamesTitlesAndDescriptions() {
        Map<String, Resource> resources = client.listResources().resources().stream()
                .collect(Collectors.toMap(Resource::uri, Function.identity()));

        // ui://agentmeter/dashboard is the dashboard panel's page (McpAppContract).
        assertThat(resources).containsOnlyKeys("agentmeter://metrics", "agentmeter://dashboard",
                "agentmeter://history", "agentmeter://errors", "ui://agentmeter/dashboard");
        assertThat(resources.values()).filteredOn(resource -> resource.uri().startsWith("agentmeter://"))
                .hasSize(4).allSatisfy(resource -> {
                    assertThat(resource.name()).isNotBlank();
                    assertThat(resource.title()).isNotBlank();
                    assertThat(resource.description()).hasSizeGreaterThan(80).contains("Subscribe");
                    assertThat(resource.mimeType()).isEqualTo("application/json");
                });
        assertThat(resources.get("agentmeter://history").description()).contains("up to 100");
        assertThat(resources.get("agentmeter://errors").description()).contains("up to 50");
    }

    @Test
    void listsTheTaskTemplate() {
        ResourceTemplate template = client.listResourceTemplates().resourceTemplates().stream().findFirst()
                .orElseThrow();

        assertThat(template.uriTemplate()).isEqualTo("agentmeter://tasks/{name}");
        assertThat(template.name()).isEqualTo("task");
        assertThat(template.title()).isNotBlank();
        assertThat(template.description()).contains("%20");
        assertThat(template.mimeType()).isEqualTo("application/json");
    }

    @Test
    void theHistoryAndErrorResourcesAreTheToolsEnvelopesAtFullCapacity() throws Exception {
        listening.simulate("listed", false);
        listening.simulate("broken", true);

        assertThat(read("agentmeter://history"))
                .isEqualTo(JSON.valueToTree(listening.call("get_request_history", Map.of("limit", 100)).structuredContent()));
        assertThat(read("agentmeter://errors"))
                .isEqualTo(JSON.valueToTree(listening.call("get_error_log", Map.of("limit", 50)).structuredContent()));
    }

    @Test
    void theMetricsAndDashboardResourcesHoldTheToolsFigures() throws Exception {
        listening.simulate("counted", false);

        JsonNode metrics = read("agentmeter://metrics");
        JsonNode dashboard = read("agentmeter://dashboard");

        assertThat(metrics.path("status").asText()).isEqualTo("success");
        assertThat(metrics.path("data").path("total_requests").asInt()).isEqualTo(1);
        assertThat(iterableOf(metrics.path("data").fieldNames())).containsExactlyElementsOf(
                iterableOf(JSON.valueToTree(listening.call("get_performance_metrics", Map.of()).structuredContent())
                        .path("data").fieldNames()));
        assertThat(dashboard.path("data").path("recent_requests").get(0).path("endpoint").asText()).isEqualTo("counted");
        assertThat(dashboard.path("data").has("recent_errors")).isTrue();
    }

    @Test
    void theMetricsDashboardAndHistoryResourcesCarryTokensAndCost() throws Exception {
        recordModelCall("chat opus", "claude-opus-4-1", 1.25, true);

        JsonNode metrics = read("agentmeter://metrics").path("data");
        JsonNode newest = read("agentmeter://history").path("data").get(0);

        assertThat(metrics.path("total_input_tokens").asLong()).isEqualTo(1000);
        assertThat(metrics.path("total_output_tokens").asLong()).isEqualTo(100);
        assertThat(metrics.path("total_cost_usd").asDouble()).isEqualTo(1.25);
        assertThat(read("agentmeter://dashboard").path("data").path("metrics").path("total_cost_usd").asDouble())
                .isEqualTo(1.25);
        assertThat(newest.path("model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(newest.path("provider").asText()).isEqualTo("anthropic");
        assertThat(newest.path("cost_usd").asDouble()).isEqualTo(1.25);
    }

    @Test
    void theTemplateReadsOneTaskWhoseNameHasSpacesAndASlash() throws Exception {
        listening.simulate("deep search/v2", true);
        listening.simulate("deep search/v2", false);

        String uri = "agentmeter://tasks/deep%20search%2Fv2";
        var contents = (TextResourceContents) client.readResource(ReadResourceRequest.builder(uri).build()).contents().get(0);
        JsonNode task = JSON.readTree(contents.text()).path("data");

        assertThat(contents.uri()).isEqualTo(uri);
        assertThat(contents.mimeType()).isEqualTo("application/json");
        assertThat(task.path("name").asText()).isEqualTo("deep search/v2");
        assertThat(task.path("count").asInt()).isEqualTo(2);
        assertThat(task.path("failed_requests").asInt()).isEqualTo(1);
        assertThat(task.has("p95_response_time_ms")).isTrue();
    }

    @Test
    void aTaskWithoutFiguresIsResourceNotFound() {
        assertThatThrownBy(() -> client.readResource(ReadResourceRequest.builder("agentmeter://tasks/never-ran").build()))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(-32002);
                    assertThat(error.getJsonRpcError().message()).contains("no task named 'never-ran'");
                });
    }

    @Test
    void aTaskUriThatIsNotPercentEncodedUtf8IsInvalidParams() {
        assertThatThrownBy(() -> client.readResource(ReadResourceRequest.builder("agentmeter://tasks/bad%zz").build()))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
                    assertThat(error.getJsonRpcError().message()).contains("percent-encoded");
                });
    }

    @Test
    void aSubscriberToTheMetricsHearsThatATaskLanded() {
        listening.subscribe("agentmeter://metrics");
        try {
            listening.simulate("watched", false);

            await().atMost(ListeningClient.NOTIFIED_WITHIN).until(() -> listening.updatesOf("agentmeter://metrics").stream()
                    .anyMatch(text -> text.contains("\"total_requests\":1")));
        } finally {
            listening.unsubscribe("agentmeter://metrics");
        }
    }

    @Test
    void aSubscriberToATaskUriHearsWhenThatTaskLands() {
        String uri = "agentmeter://tasks/deep%20watch%2F1";
        listening.subscribe(uri);
        try {
            listening.simulate("deep watch/1", false);

            await().atMost(ListeningClient.NOTIFIED_WITHIN).until(() -> listening.updatesOf(uri).stream()
                    .anyMatch(text -> text.contains("\"name\":\"deep watch/1\"")));
        } finally {
            listening.unsubscribe(uri);
        }
    }

    @Test
    void afterUnsubscribingNoUpdateComes() {
        String dropped = listening.uniqueTaskUri("dropped");
        String barrier = listening.uniqueTaskUri("barrier");
        listening.subscribe(dropped);
        listening.subscribe(barrier);
        try {
            listening.unsubscribe(dropped);
            listening.simulate(ListeningClient.nameOf(dropped), false);

            listening.awaitTwoTicksOf(barrier);

            assertThat(listening.updatesOf(dropped)).isEmpty();
        } finally {
            listening.unsubscribe(barrier);
        }
    }

    @Test
    void aBurstOfTasksIsCoalescedIntoAFewUpdates() {
        String burst = listening.uniqueTaskUri("burst");
        listening.subscribe(burst);
        try {
            long startNanos = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                listening.simulate(ListeningClient.nameOf(burst), false);
            }
            long burstMillis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
            String barrier = listening.uniqueTaskUri("after-burst");
            listening.subscribe(barrier);
            listening.awaitTwoTicksOf(barrier);
            listening.unsubscribe(barrier);

            // One update per 250 ms tick at most, plus one for a tick that straddles the start or the end.
            assertThat(listening.updatesOf(burst)).isNotEmpty().hasSizeLessThanOrEqualTo((int) (burstMillis / 250) + 3);
        } finally {
            listening.unsubscribe(burst);
        }
    }

    @Test
    void listsBothPromptsWithTheirOptionalArguments() {
        Map<String, Prompt> prompts = client.listPrompts().prompts().stream()
                .collect(Collectors.toMap(Prompt::name, Function.identity()));

        assertThat(prompts).containsOnlyKeys("diagnose_performance", "summarize_errors");
        assertThat(prompts.values()).allSatisfy(prompt -> {
            assertThat(prompt.title()).isNotBlank();
            assertThat(prompt.description()).hasSizeGreaterThan(60);
            assertThat(prompt.arguments()).allSatisfy(argument -> {
                assertThat(argument.required()).isFalse();
                assertThat(argument.description()).isNotBlank();
            });
        });
        assertThat(prompts.get("diagnose_performance").arguments()).extracting(PromptArgument::name)
                .containsExactly("task", "window");
        assertThat(prompts.get("summarize_errors").arguments()).extracting(PromptArgument::name)
                .containsExactly("limit");
    }

    @Test
    void diagnosePerformanceEmbedsTheFiguresAndAsksForADiagnosis() throws Exception {
        listening.simulate("fetch page", false);
        listening.simulate("parse page", true);

        GetPromptResult prompt = prompt("diagnose_performance", Map.of());

        assertThat(prompt.messages()).hasSize(2).allSatisfy(message -> assertThat(message.role()).isEqualTo(Role.USER));
        JsonNode figures = figures(prompt);
        assertThat(figures.path("metrics").path("total_requests").asInt()).isEqualTo(2);
        assertThat(figures.path("tasks")).extracting(task -> task.path("name").asText())
                .containsExactlyInAnyOrder("fetch page", "parse page");
        assertThat(figures.path("recent").path("trend")).isNotEmpty();
        assertThat(figures.path("recent_errors").get(0).path("error_message").asText()).isEqualTo("Simulated failure");
        assertThat(figures.path("window").asText()).isEqualTo("15m");
        assertThat(text(prompt, 1)).contains("Diagnose", "slow", "failing", "causes", "Next steps");
    }

    @Test
    void diagnosePerformanceNamesTheModelThatCostsMostAndTheOneThatFailsMost() throws Exception {
        recordModelCall("chat opus", "claude-opus-4-1", 2.0, true);
        recordModelCall("chat haiku", "claude-haiku-4-5", 0.01, false);
        recordModelCall("chat haiku", "claude-haiku-4-5", 0.01, false);
        recordModelCall("chat haiku", "claude-haiku-4-5", 0.01, true);

        GetPromptResult prompt = prompt("diagnose_performance", Map.of());

        JsonNode figures = figures(prompt);
        assertThat(figures.path("models")).extracting(model -> model.path("model").asText())
                .containsExactly("claude-haiku-4-5", "claude-opus-4-1");
        assertThat(figures.path("models").get(0).path("failed_requests").asInt()).isEqualTo(2);
        assertThat(figures.path("costliest_model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(figures.path("most_failing_model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(figures.path("metrics").path("total_cost_usd").asDouble()).isCloseTo(2.03,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(text(prompt, 1)).contains("which model costs most", "which fails most");
    }

    @Test
    void diagnosePerformanceWithoutModelCallsHasNoModelLeaders() throws Exception {
        listening.simulate("plain", true);

        JsonNode figures = figures(prompt("diagnose_performance", Map.of()));

        assertThat(figures.path("models")).isEmpty();
        assertThat(figures.path("costliest_model").isNull()).isTrue();
        assertThat(figures.path("most_failing_model").isNull()).isTrue();
    }

    @Test
    void diagnosePerformanceOfOneTaskOverAWindow() throws Exception {
        listening.simulate("fetch page", false);
        listening.simulate("parse page", true);

        GetPromptResult prompt = prompt("diagnose_performance", Map.of("task", "parse page", "window", "5m"));

        JsonNode figures = figures(prompt);
        assertThat(figures.path("task").asText()).isEqualTo("parse page");
        assertThat(figures.path("window").asText()).isEqualTo("5m");
        assertThat(figures.path("tasks")).singleElement().satisfies(task ->
                assertThat(task.path("name").asText()).isEqualTo("parse page"));
        assertThat(prompt.description()).contains("\"parse page\"", "5m");
    }

    @Test
    void aBlankOptionalPromptArgumentCountsAsAbsent() throws Exception {
        assertThat(figures(prompt("diagnose_performance", Map.of("task", "", "window", " "))).path("window").asText())
                .isEqualTo("15m");
    }

    @Test
    void aBadPromptArgumentIsInvalidParamsWithTheReason() {
        assertThatThrownBy(() -> prompt("diagnose_performance", Map.of("window", "soon")))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
                    assertThat(error.getJsonRpcError().message()).contains("window must be a duration such as 30s");
                });
        assertThatThrownBy(() -> prompt("diagnose_performance", Map.of("task", "ghost")))
                .isInstanceOfSatisfying(McpError.class, error ->
                        assertThat(error.getJsonRpcError().message()).contains("no task named 'ghost'"));
        assertThatThrownBy(() -> prompt("summarize_errors", Map.of("limit", "many")))
                .isInstanceOfSatisfying(McpError.class, error ->
                        assertThat(error.getJsonRpcError().message()).contains("limit must be an integer"));
    }

    private void recordModelCall(String name, String model, double costUsd, boolean success) {
        var result = listening.call("record_agent_task", Map.of("name", name, "duration_ms", 40, "success", success,
                "model", model, "provider", "anthropic", "input_tokens", 1000, "output_tokens", 100,
                "cost_usd", costUsd));
        assertThat(result.isError()).isFalse();
    }

    @Test
    void summarizeErrorsEmbedsTheWholeErrorLogByDefault() throws Exception {
        listening.simulate("first failure", true);
        listening.simulate("fine", false);
        listening.simulate("second failure", true);

        GetPromptResult prompt = prompt("summarize_errors", Map.of());

        JsonNode figures = figures(prompt);
        assertThat(figures.path("errors")).extracting(error -> error.path("endpoint").asText())
                .containsExactly("second failure", "first failure");
        assertThat(figures.path("metrics").path("failed_requests").asInt()).isEqualTo(2);
        assertThat(text(prompt, 1)).contains("group", "cause", "fix first");
    }

    @Test
    void summarizeErrorsTakesTheNewestUpToItsLimit() throws Exception {
        listening.simulate("first failure", true);
        listening.simulate("second failure", true);

        JsonNode figures = figures(prompt("summarize_errors", Map.of("limit", "1")));

        assertThat(figures.path("errors")).extracting(error -> error.path("endpoint").asText())
                .containsExactly("second failure");
    }

    @Test
    void completesTaskNamesForThePromptAndForTheTemplate() {
        listening.simulate("search-web", false);
        listening.simulate("search docs", false);
        listening.simulate("summarize", false);

        assertThat(complete(new PromptReference("diagnose_performance"), "task", "sea"))
                .containsExactly("search docs", "search-web");
        assertThat(complete(new ResourceReference("agentmeter://tasks/{name}"), "name", "SUM"))
                .containsExactly("summarize");
        assertThat(complete(new PromptReference("diagnose_performance"), "window", "1"))
                .containsExactly("1m", "15m");
    }

    private JsonNode read(String uri) throws Exception {
        var contents = (TextResourceContents) client.readResource(ReadResourceRequest.builder(uri).build()).contents().get(0);
        assertThat(contents.mimeType()).isEqualTo("application/json");
        return JSON.readTree(contents.text());
    }

    private GetPromptResult prompt(String name, Map<String, Object> arguments) {
        return client.getPrompt(GetPromptRequest.builder(name).arguments(arguments).build());
    }

    private List<String> complete(CompleteReference reference, String argument, String typed) {
        return client.completeCompletion(CompleteRequest.builder(reference, new CompleteArgument(argument, typed)).build())
                .completion().values();
    }

    private static String text(GetPromptResult prompt, int message) {
        return ((TextContent) prompt.messages().get(message).content()).text();
    }

    /** The JSON block of a prompt's first message. */
    private static JsonNode figures(GetPromptResult prompt) throws Exception {
        String text = text(prompt, 0);
        int start = text.indexOf("```json\n") + "```json\n".length();
        return JSON.readTree(text.substring(start, text.lastIndexOf("\n```")));
    }

    private static <T> Iterable<T> iterableOf(Iterator<T> iterator) {
        return () -> iterator;
    }
}
