package dev.agentmeter.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.metrics.TaskRecord;

/**
 * An MCP stdio proxy: starts the downstream server as a child and relays every line between it and the client
 * unchanged, in both directions, while each {@code tools/call} becomes a {@link TaskRecord} handed to the sink.
 * The child's exit ends the proxy with the child's exit code; the end of the client's input (or a client that
 * stops reading) closes the child's stdin, waits a grace period, then ends the child.
 *
 * <p>{@link #run} is called once, by one thread; {@link #abort} may be called from any thread (a shutdown hook).
 */
public final class McpProxy {

    /** How long a child may take to exit after its stdin closes before it is ended. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final int MAX_PENDING_CALLS = 10_000;
    // Long enough for the last lines of an exiting child to reach the client; bounded in case a grandchild keeps
    // the pipe open.
    private static final long DRAIN_MILLIS = 2_000;

    private enum Event { CLIENT_INPUT_ENDED, CLIENT_OUTPUT_FAILED, CHILD_EXITED, OTHER }

    private static final Logger log = LoggerFactory.getLogger(McpProxy.class);

    private final List<String> command;
    private final InputStream clientInput;
    private final OutputStream clientOutput;
    private final ToolCallTracker tracker;
    private final Duration stopGrace;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    // Set by run, read by abort from a shutdown hook.
    private volatile DownstreamProcess child;

    public McpProxy(List<String> command, InputStream clientInput, OutputStream clientOutput,
                    Consumer<TaskRecord> sink, Clock clock, Duration stopGrace) {
        this.command = List.copyOf(command);
        this.clientInput = clientInput;
        this.clientOutput = clientOutput;
        this.tracker = new ToolCallTracker(new ObjectMapper(), clock, MAX_PENDING_CALLS, sink);
        this.stopGrace = stopGrace;
    }

    /**
     * Starts the child and relays until the session ends.
     *
     * @return the child's exit code; 0 when the client ended the session and the child had to be stopped
     * @throws IOException when the child cannot be started
     */
    public int run() throws IOException, InterruptedException {
        DownstreamProcess started = DownstreamProcess.start(command);
        child = started;
        log.info("proxying MCP to {} (pid {})", command.get(0), started.pid());
        var toServer = new LineRelay("client->server", clientInput, started.stdin(), tracker::onClientLine,
                LineRelay.ObserveOrder.BEFORE_WRITE, System::nanoTime,
                ending -> events.add(ending == LineRelay.Ending.INPUT_ENDED ? Event.CLIENT_INPUT_ENDED : Event.OTHER));
        var toClient = new LineRelay("server->client", started.stdout(), clientOutput, tracker::onServerLine,
                LineRelay.ObserveOrder.AFTER_WRITE, System::nanoTime,
                ending -> events.add(ending == LineRelay.Ending.OUTPUT_FAILED ? Event.CLIENT_OUTPUT_FAILED
                        : Event.OTHER));
        daemon("agentmeter-proxy-to-server", toServer).start();
        Thread toClientThread = daemon("agentmeter-proxy-to-client", toClient);
        toClientThread.start();
        Thread exitWatch = daemon("agentmeter-proxy-child-exit", () -> awaitChildExit(started));
        exitWatch.start();

        while (true) {
            switch (events.take()) {
                case CHILD_EXITED -> {
                    toClientThread.join(DRAIN_MILLIS);
                    int code = started.awaitExit();
                    log.info("the downstream server exited with code {}", code);
                    return code;
                }
                case CLIENT_INPUT_ENDED, CLIENT_OUTPUT_FAILED -> {
                    log.info("the client closed the session; stopping the downstream server");
                    var code = started.stop(stopGrace);
                    toClientThread.join(DRAIN_MILLIS);
                    return code.orElse(0);
                }
                case OTHER -> {
                    // A relay ended because its other side went away; the child's exit or the client's end follows.
                }
            }
        }
    }

    /** Ends the child and its descendants if they still run: for a proxy that is itself being stopped. */
    public void abort() {
        DownstreamProcess running = child;
        if (running != null && running.isAlive()) {
            try {
                running.destroyTree();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitChildExit(DownstreamProcess started) {
        try {
            started.awaitExit();
            events.add(Event.CHILD_EXITED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable task) {
        var thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
