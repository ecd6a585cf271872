package dev.agentmeter.storage.postgres;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.agentmeter.storage.DaemonThreads;

/**
 * Completes the futures of written (or unwritable) commands on threads of their own, so that answering the
 * callers (an HTTP response, an MCP result) never delays the writer's next commit.
 *
 * <p>Thread-safe.
 */
final class Acknowledgments {

    private static final int THREADS = 2;

    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS,
            DaemonThreads.named("agentmeter-postgres-ack"));

    /** Completes every command's future: normally when {@code failure} is null, else with it. */
    void complete(List<JournalCommand> commands, Throwable failure) {
        if (commands.isEmpty()) {
            return;
        }
        var copy = List.copyOf(commands);
        executor.execute(() -> {
            for (JournalCommand command : copy) {
                if (failure == null) {
                    command.done().complete(null);
                } else {
                    command.done().completeExceptionally(failure);
                }
            }
        });
    }

    /** Lets what is submitted finish; takes nothing more. */
    void shutdown() {
        executor.shutdown();
    }
}
