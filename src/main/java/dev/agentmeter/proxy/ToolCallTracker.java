package dev.agentmeter.proxy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Checked;
import dev.agentmeter.operations.TaskNames;

/**
 * Turns the traffic of one MCP session into tasks: each {@code tools/call} request and its response become one
 * {@link TaskRecord} (name = tool, duration = request read to response read, failed = JSON-RPC error or
 * {@code isError}), tagged with the client's name: the one the request itself carries in its {@code _meta} (MCP
 * 2026-07-28, where there is no {@code initialize}), otherwise the one {@code initialize} gave (2025-11-25). A
 * cancelled call is recorded as a failure with the error {@value #CANCELLED}, and a response that comes after it is
 * ignored. A 2026-07-28 {@code input_required} result is no answer: the client asks again with a new request, which
 * is the one recorded, so the call is dropped unrecorded. At most {@code maxPending} calls are awaited at once (each
 * with its own client name, so per-client state is bounded by the same cap); beyond that the oldest is forgotten.
 *
 * <p>Thread-safe: the client-side and server-side relay threads call it at the same time.
 */
final class ToolCallTracker {

    static final String CANCELLED = "cancelled";
    static final int MAX_ERROR_LENGTH = 1_000;
    static final String UNNAMED_TOOL = "(unnamed tool)";

    private record Pending(String toolName, String clientName, long startNanos) {
    }

    private final ClientMessages clientMessages;
    private final ServerResponses serverResponses;
    private final Clock clock;
    private final Consumer<TaskRecord> sink;
    // Guarded by itself; written by the client relay (new calls) and the server relay (answers).
    private final Map<String, Pending> pending;
    // Written by the client relay on initialize, read by the server relay.
    private volatile String agent;

    ToolCallTracker(ObjectMapper json, Clock clock, int maxPending, Consumer<TaskRecord> sink) {
        this.clientMessages = new ClientMessages(json);
        this.serverResponses = new ServerResponses(json);
        this.clock = clock;
        this.sink = sink;
        this.pending = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
                return size() > maxPending;
            }
        };
    }

    /** Observes a client-to-server line. */
    void onClientLine(byte[] bytes, int offset, int length, long receivedNanos) {
        for (var event : clientMessages.read(bytes, offset, length)) {
            if (event instanceof ClientMessages.ToolCallStarted started) {
                synchronized (pending) {
                    pending.put(started.idKey(), new Pending(started.toolName(), started.clientName(), receivedNanos));
                }
            } else if (event instanceof ClientMessages.ClientNamed named) {
                agent = named.clientName();
            } else if (event instanceof ClientMessages.RequestCancelled cancelled) {
                Pending call = take(cancelled.idKey());
                if (call != null) {
                    sink.accept(task(call, receivedNanos, false, CANCELLED));
                }
            }
        }
    }

    /** Observes a server-to-client line. */
    void onServerLine(byte[] bytes, int offset, int length, long receivedNanos) {
        if (pendingCount() == 0) {
            return;
        }
        for (var response : serverResponses.read(bytes, offset, length)) {
            Pending call = take(response.idKey());
            if (call != null && !response.inputRequired()) {
                String error = response.errorMessage() != null ? response.errorMessage() : response.resultText();
                sink.accept(task(call, receivedNanos, !response.failed(), error));
            }
        }
    }

    /** The client's name from {@code initialize}, or {@code null} before it. */
    String agent() {
        return agent;
    }

    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    private Pending take(String idKey) {
        synchronized (pending) {
            return pending.remove(idKey);
        }
    }

    private TaskRecord task(Pending call, long endNanos, boolean success, String error) {
        long durationMicros = TimeUnit.NANOSECONDS.toMicros(Math.max(0, endNanos - call.startNanos()));
        return new TaskRecord(taskName(call.toolName()), durationMicros, success, success ? null : truncated(error),
                clock.instant(), call.clientName() != null ? call.clientName() : agent);
    }

    static String taskName(String toolName) {
        if (TaskNames.sanitizeNew("name", toolName) instanceof Checked.Valid<String> valid) {
            return valid.value();
        }
        String shortened = toolName.codePointCount(0, toolName.length()) > TaskNames.MAX_LENGTH
                ? toolName.substring(0, toolName.offsetByCodePoints(0, TaskNames.MAX_LENGTH)) : toolName;
        if (TaskNames.sanitizeNew("name", shortened) instanceof Checked.Valid<String> valid) {
            return valid.value();
        }
        return UNNAMED_TOOL;
    }

    private static String truncated(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        return error.substring(0, MAX_ERROR_LENGTH);
    }
}
