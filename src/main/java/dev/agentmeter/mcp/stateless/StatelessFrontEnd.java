package dev.agentmeter.mcp.stateless;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import dev.agentmeter.mcp.McpOperationObserver;
import dev.agentmeter.mcp.McpFeatures;
import dev.agentmeter.mcp.ParamsShapes;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * The MCP 2026-07-28 front end of this process: one dispatcher over the same feature handlers as the SDK's
 * 2025-11-25 servers, served on the same transports ({@link #http} for {@code /mcp}, {@link #stdio} for stdin and
 * stdout). Hears the coalesced resource changes ({@link #accept}, on every notifying tick) and passes them to the
 * open listen streams, with a keep-alive every {@link #KEEP_ALIVE}.
 *
 * <p>Thread-safe.
 */
public final class StatelessFrontEnd implements Consumer<List<String>>, AutoCloseable {

    /** At most this many listen streams at once on stdio (one client; HTTP is bounded by its session caps). */
    public static final int MAX_STDIO_STREAMS = 100;
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final StatelessDispatcher dispatcher;
    private final FeatureCatalog catalog;
    private final LongSupplier nanoTime;
    // Added to by the wiring thread, read by the notifying thread.
    private final List<ListenStreams> transports = new CopyOnWriteArrayList<>();
    // Written and read by the notifying thread only.
    private long lastKeepAliveNanos;

    public StatelessFrontEnd(McpFeatures features, McpJsonMapper mapper, ServerIdentity identity,
                             McpOperationObserver observer, LongSupplier nanoTime) {
        this.catalog = new FeatureCatalog(features, mapper);
        this.dispatcher = new StatelessDispatcher(catalog, new ParamsShapes(mapper), identity, observer, nanoTime);
        this.nanoTime = nanoTime;
        this.lastKeepAliveNanos = nanoTime.getAsLong();
    }

    /** The front end for {@code /mcp}: at most {@code maxStreams} listen streams, each admitted by {@code admission}. */
    public StatelessHttp http(int maxStreams, StatelessHttp.StreamAdmission admission) {
        return new StatelessHttp(dispatcher, streams(maxStreams), admission);
    }

    /** The front end for stdio, writing to {@code lines}. */
    public StatelessStdio stdio(StatelessStdio.StdioLines lines) {
        return new StatelessStdio(dispatcher, streams(MAX_STDIO_STREAMS), lines);
    }

    /** The URIs changed since the last tick: each open stream hears those it listens to. */
    @Override
    public void accept(List<String> changedUris) {
        boolean keepAlive = nanoTime.getAsLong() - lastKeepAliveNanos >= KEEP_ALIVE.toNanos();
        if (keepAlive) {
            lastKeepAliveNanos = nanoTime.getAsLong();
        }
        for (ListenStreams streams : transports) {
            if (!changedUris.isEmpty()) {
                streams.publish(changedUris);
            }
            if (keepAlive) {
                streams.keepAlive();
            }
        }
    }

    /** Ends every listen stream gracefully (each gets the answer to its listen request). */
    @Override
    public void close() {
        transports.forEach(streams -> streams.closeAll(dispatcher));
    }

    private ListenStreams streams(int maxStreams) {
        var streams = new ListenStreams(maxStreams, catalog::hasResource);
        transports.add(streams);
        return streams;
    }
}
