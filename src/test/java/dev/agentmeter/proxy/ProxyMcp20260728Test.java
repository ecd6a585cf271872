package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.agentmeter.testing.ApiClient;
import dev.agentmeter.testing.ChildCommand;
import dev.agentmeter.testing.NpmTestFolder;

/**
 * The proxy between a client and a server that speak MCP 2026-07-28, both on the official TypeScript SDK v2
 * (pinned in {@code src/test/mcp-v2-peers}, installed into {@code target/} by the test): no {@code initialize}, each
 * request naming its client in {@code params._meta}. The same calls go to the server directly and through
 * {@code agentmeter proxy}; the answers must be equal and every {@code tools/call} recorded with its agent. The same
 * client in its 2025-11-25 mode through the same proxy is still recorded, its agent from {@code initialize}.
 * Skipped where npm cannot be run or reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyMcp20260728Test {

    private static final List<String> PEER_FILES = List.of("package.json", "package-lock.json", "peer-server.mjs",
            "peer-client.mjs");
    private static final int ECHO_CALLS = 5;

    private Path peers;
    private Path node;

    @BeforeAll
    void installPeers() throws Exception {
        peers = new NpmTestFolder("mcp-v2-peers", "MCP 2026-07-28 proxy test").prepare(PEER_FILES).toAbsolutePath();
        node = NpmTestFolder.onPath("node").orElseThrow(() -> new IllegalStateException("npm ran, but node is missing"));
    }

    @Test
    void callsOfRevision20260728AnswerAsDirectlyAndEachIsRecordedWithItsAgent() throws Exception {
        JsonNode direct = answersDirectly("2026-07-28", "v2-direct");
        try (var proxied = NodePeerClient.start(node, peers, "2026-07-28", "v2-agent", ECHO_CALLS, proxiedServer())) {
            JsonNode answers = proxied.answers();
            JsonNode history = historyOnceItHas(proxied.dashboardPort(), ECHO_CALLS + 1);
            assertThat(proxied.finish()).isZero();

            assertThat(answers).isEqualTo(direct);
            assertThat(answers.path("calls")).hasSize(ECHO_CALLS + 1);
            assertThat(answers.path("calls").get(0).path("_meta").has("io.modelcontextprotocol/serverInfo"))
                    .as("the server answered in the 2026-07-28 form").isTrue();
            assertThat(entries(history)).hasSize(ECHO_CALLS + 1)
                    .containsOnlyOnce(tuple("fail", false, "failed: on purpose", "v2-agent"))
                    .filteredOn(entry -> entry.toList().get(0).equals("echo"))
                    .hasSize(ECHO_CALLS)
                    .allSatisfy(entry -> assertThat(entry.toList()).containsExactly("echo", true, null, "v2-agent"));
        }
    }

    @Test
    void theSameClientIn20251125ModeThroughTheSameProxyIsStillRecordedWithTheAgentFromInitialize() throws Exception {
        JsonNode direct = answersDirectly("legacy", "v1-direct");
        try (var proxied = NodePeerClient.start(node, peers, "legacy", "legacy-agent", 2, proxiedServer())) {
            JsonNode answers = proxied.answers();
            JsonNode history = historyOnceItHas(proxied.dashboardPort(), 3);
            assertThat(proxied.finish()).isZero();

            assertThat(answers).isEqualTo(direct);
            assertThat(answers.path("calls").get(0).has("_meta")).as("the 2025-11-25 form").isFalse();
            assertThat(entries(history)).containsExactlyInAnyOrder(
                    tuple("echo", true, null, "legacy-agent"),
                    tuple("echo", true, null, "legacy-agent"),
                    tuple("fail", false, "failed: on purpose", "legacy-agent"));
        }
    }

    private JsonNode answersDirectly(String mode, String agent) throws Exception {
        int calls = mode.equals("legacy") ? 2 : ECHO_CALLS;
        try (var direct = NodePeerClient.start(node, peers, mode, agent, calls,
                List.of(node.toString(), "peer-server.mjs"))) {
            JsonNode answers = direct.answers();
            assertThat(direct.finish()).isZero();
            return answers;
        }
    }

    /** {@code agentmeter proxy -- node peer-server.mjs}, in a child JVM of this build. */
    private List<String> proxiedServer() {
        return ChildCommand.withJava(ChildCommand.proxy(List.of(node.toString(),
                peers.resolve("peer-server.mjs").toString())));
    }

    /**
     * The proxy's history once it holds {@code count} tasks: the proxy records an answer right after passing it on,
     * so the client can print it a moment before the task is there.
     */
    private static JsonNode historyOnceItHas(int port, int count) {
        return org.awaitility.Awaitility.await().atMost(NodePeerClient.WAIT)
                .until(() -> new ApiClient(port).history(), history -> history.size() >= count);
    }

    /** Each history entry as (endpoint, success, error, agent). */
    private static List<org.assertj.core.groups.Tuple> entries(JsonNode history) {
        var entries = new ArrayList<org.assertj.core.groups.Tuple>();
        for (JsonNode entry : history) {
            entries.add(tuple(entry.path("endpoint").asText(), entry.path("success").asBoolean(),
                    entry.path("error").isNull() ? null : entry.path("error").asText(),
                    entry.path("agent").isNull() ? null : entry.path("agent").asText()));
        }
        return entries;
    }
}
