package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.agentmeter.mcp.features.TaskUris;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.InitializeRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/** What the guard lets through, and in what shape: bounded client info, counted and sized subscriptions. */
class McpRequestGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestGuard guard = new RequestGuard(McpJsonDefaults.getMapper());
    private final SessionSubscriptions subscriptions = new SessionSubscriptions();

    @Test
    void anInitializeKeepsAShortenedClientInfoAndDropsWhatNothingReads() {
        var params = Map.of("protocolVersion", "2025-06-18",
                "capabilities", Map.of("roots", Map.of("listChanged", true), "experimental", Map.of("x", "y".repeat(100_000))),
                "clientInfo", Map.of("name", "n".repeat(1_000_000), "version", "v".repeat(300), "title", "t",
                        "description", "d".repeat(100_000), "icons", List.of(Map.of("src", "data:,x"))),
                "_meta", Map.of("m", "e".repeat(100_000)));

        var verdict = guard.examine(request(McpSchema.METHOD_INITIALIZE, params), subscriptions);

        assertThat(verdict).isInstanceOf(RequestGuard.Pass.class);
        var bounded = McpJsonDefaults.getMapper().convertValue(((RequestGuard.Pass) verdict).request().params(),
                InitializeRequest.class);
        assertThat(bounded.clientInfo().name()).hasSize(ClientInfoBounds.MAX_TEXT_LENGTH);
        assertThat(bounded.clientInfo().version()).hasSize(ClientInfoBounds.MAX_TEXT_LENGTH);
        assertThat(bounded.clientInfo().title()).isEqualTo("t");
        assertThat(bounded.clientInfo().description()).isNull();
        assertThat(bounded.clientInfo().icons()).isNullOrEmpty();
        assertThat(bounded.capabilities().roots().listChanged()).isTrue();
        assertThat(bounded.capabilities().experimental()).isNullOrEmpty();
        assertThat(bounded.meta()).isNullOrEmpty();
    }

    @Test
    void aSessionSubscribesToAtMostAHundredResourcesOfAtMostTwoKib() throws Exception {
        for (int i = 0; i < SessionSubscriptions.MAX_SUBSCRIPTIONS; i++) {
            assertThat(guard.examine(subscribe(TaskUris.of("task " + i)), subscriptions)).isInstanceOf(RequestGuard.Pass.class);
        }

        assertThat(error(guard.examine(subscribe(TaskUris.of("one more")), subscriptions)).path("code").asInt())
                .isEqualTo(-32602);
        assertThat(guard.examine(subscribe(TaskUris.of("task 7")), subscriptions)).as("again: no new one")
                .isInstanceOf(RequestGuard.Pass.class);
        guard.examine(request(McpSchema.METHOD_RESOURCES_UNSUBSCRIBE, Map.of("uri", TaskUris.of("task 7"))), subscriptions);
        assertThat(guard.examine(subscribe(TaskUris.of("one more")), subscriptions)).isInstanceOf(RequestGuard.Pass.class);
        assertThat(subscriptions.size()).isEqualTo(SessionSubscriptions.MAX_SUBSCRIPTIONS);
    }

    @Test
    void aSubscriptionUriLongerThanTwoKibIsRefusedAndNotKept() throws Exception {
        String longUri = TaskUris.PREFIX + "x".repeat(SessionSubscriptions.MAX_URI_LENGTH);

        JsonNode error = error(guard.examine(subscribe(longUri), subscriptions));

        assertThat(error.path("code").asInt()).isEqualTo(-32602);
        assertThat(error.path("message").asText()).contains("at most 2048 characters");
        assertThat(error.toString()).hasSizeLessThan(1_000);
        assertThat(subscriptions.size()).isZero();
    }

    @Test
    void aSubscriptionToAResourceThatDoesNotExistIsResourceNotFound() throws Exception {
        JsonNode error = error(guard.examine(subscribe("file:///etc/passwd"), subscriptions));

        assertThat(error.path("code").asInt()).isEqualTo(-32002);
        assertThat(error.path("data").path("uri").asText()).isEqualTo("file:///etc/passwd");
        assertThat(subscriptions.size()).isZero();
    }

    @Test
    void onlyTheInitializedNotificationGoesToTheSdk() {
        assertThat(guard.forwards(new McpSchema.JSONRPCNotification("2.0", McpSchema.METHOD_NOTIFICATION_INITIALIZED,
                null))).isTrue();
        assertThat(guard.forwards(new McpSchema.JSONRPCNotification("2.0", "notifications/cancelled", Map.of())))
                .isFalse();
    }

    private static JSONRPCRequest subscribe(String uri) {
        return request(McpSchema.METHOD_RESOURCES_SUBSCRIBE, Map.of("uri", uri));
    }

    private static JSONRPCRequest request(String method, Object params) {
        return new JSONRPCRequest("2.0", method, 1, params);
    }

    private static JsonNode error(RequestGuard.Verdict verdict) throws Exception {
        assertThat(verdict).isInstanceOf(RequestGuard.Refuse.class);
        return JSON.readTree(((RequestGuard.Refuse) verdict).response()).path("error");
    }
}
