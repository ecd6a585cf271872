package dev.agentmeter.mcp.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;

/**
 * The SDK's Streamable HTTP transport's own session table, for a request its servlet never sees (a tool call
 * answered by {@link DirectPost}): whether the SDK still has the session, and telling it the session is in use.
 * The SDK's sweep closes every session its servlet has not marked since the sweep before (and that holds no stream):
 * a session used only for direct tool calls would be closed under its client. And a session the SDK has closed must
 * be answered 404, as its servlet does, even while our registry ({@link McpHttpSessions}) has not expired it yet.
 *
 * <p>Why reflection: the SDK (2.1) keeps its table and its mark private, and offers no public way to either. Both
 * are looked up once; when they cannot be (another SDK version), {@link #available} is false and every request goes
 * to the SDK's servlet as before. {@code McpHttpSessionLimitsTest} checks that a session used only for tool calls
 * outlives the sweep, and that a closed one is 404. The lasting fix is our registry owning the idle sweep.
 *
 * <p>Thread-safe (the SDK's table is a concurrent map, its mark a concurrent set's add).
 */
final class SdkSessionTable {

    private static final Logger log = LoggerFactory.getLogger(SdkSessionTable.class);

    private final ConcurrentHashMap<?, ?> sessions; // the SDK's, or null when it cannot be reached
    private final MethodHandle mark; // bound to the transport; null when the SDK has no such method

    private SdkSessionTable(ConcurrentHashMap<?, ?> sessions, MethodHandle mark) {
        this.sessions = sessions;
        this.mark = mark;
    }

    /** {@code transport}'s table; unavailable when the SDK's members cannot be found. */
    static SdkSessionTable of(HttpServletStreamableServerTransportProvider transport) {
        Class<HttpServletStreamableServerTransportProvider> type = HttpServletStreamableServerTransportProvider.class;
        try {
            var lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            VarHandle table = lookup.findVarHandle(type, "sessions", ConcurrentHashMap.class);
            MethodHandle mark = lookup.findVirtual(type, "markSessionActive",
                    MethodType.methodType(void.class, String.class)).bindTo(transport);
            return new SdkSessionTable((ConcurrentHashMap<?, ?>) table.get(transport), mark);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("Tool calls over Streamable HTTP go through the SDK's session: {}", e.toString());
            return new SdkSessionTable(null, null);
        }
    }

    boolean available() {
        return sessions != null;
    }

    /** Marks session {@code id} in use, as the SDK's servlet does first thing; whether the SDK still has it. */
    boolean markActive(String id) {
        try {
            mark.invokeExact(id);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the SDK's session mark failed", e);
        }
        return sessions.containsKey(id);
    }
}
