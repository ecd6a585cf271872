package dev.agentmeter.mcp;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.agentmeter.mcp.features.TaskUris;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.UnsubscribeRequest;

/**
 * The SDK's client, keeping what the server told it unasked (resource updates, as the client reads them on each
 * notification, and log messages) for a test to wait for. Every wait is bounded; a test that expects nothing
 * waits for a later update instead of sleeping ({@link #awaitTwoTicksOf}).
 */
final class ListeningClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration NOTIFIED_WITHIN = Duration.ofSeconds(10);

    final McpSyncClient sdk;
    // Appended by the client's notification threads, read by the test thread.
    private final List<ResourceContents> updates = new CopyOnWriteArrayList<>();
    private final List<LoggingMessageNotification> logMessages = new CopyOnWriteArrayList<>();
    private final AtomicInteger uniqueNames = new AtomicInteger();
    private final String label;

    private ListeningClient(McpClientTransport transport, String label) {
        this.label = label;
        this.sdk = McpClient.sync(transport)
                .requestTimeout(TIMEOUT)
                .initializationTimeout(TIMEOUT)
                .resourcesUpdateConsumer(updates::addAll)
                .loggingConsumer(logMessages::add)
                .build();
    }

    /** An initialized client; {@code label} goes into the task names it makes up, to keep them apart. */
    static ListeningClient connect(McpClientTransport transport, String label) {
        var client = new ListeningClient(transport, label);
        client.sdk.initialize();
        return client;
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return sdk.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    /** Records a task at once through the simulate tool. */
    CallToolResult simulate(String name, boolean shouldFail) {
        return call("simulate_agent_task", Map.of("name", name, "duration", 0, "should_fail", shouldFail));
    }

    void subscribe(String uri) {
        sdk.subscribeResource(SubscribeRequest.builder(uri).build());
    }

    void unsubscribe(String uri) {
        sdk.unsubscribeResource(UnsubscribeRequest.builder(uri).build());
    }

    /** A task URI that no other test uses, for a name with a space in it. */
    String uniqueTaskUri(String prefix) {
        return TaskUris.PREFIX + prefix + "%20" + uniqueNames.incrementAndGet() + "-" + label;
    }

    static String nameOf(String taskUri) {
        return TaskUris.nameOf(taskUri).orElseThrow();
    }

    /** The texts of the updates of {@code uri} so far, oldest first. */
    List<String> updatesOf(String uri) {
        return updates.stream().filter(contents -> contents.uri().equals(uri))
                .map(contents -> ((TextResourceContents) contents).text()).toList();
    }

    List<LoggingMessageNotification> logMessages() {
        return List.copyOf(logMessages);
    }

    /** The log messages that name the task {@code name}. */
    List<LoggingMessageNotification> logsAbout(String name) {
        return logMessages.stream().filter(message -> message.data().contains("\"" + name + "\"")).toList();
    }

    /**
     * Records the task of {@code barrierUri} (subscribed), waits for its update, then records it again and waits for
     * one more update: that one was sent a tick after the first, so whatever the server sent before the first
     * has arrived by then.
     */
    void awaitTwoTicksOf(String barrierUri) {
        String name = nameOf(barrierUri);
        simulate(name, false);
        await().atMost(NOTIFIED_WITHIN).until(() -> updatesOf(barrierUri).stream()
                .anyMatch(text -> text.contains("\"count\":1,")));
        int seen = updatesOf(barrierUri).size();
        simulate(name, false);
        await().atMost(NOTIFIED_WITHIN).until(() -> updatesOf(barrierUri).size() > seen);
    }

    @Override
    public void close() {
        sdk.closeGracefully();
    }
}
