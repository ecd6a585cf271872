package dev.agentmeter.operations;

import java.util.function.Supplier;

/**
 * The server-status family: {@code GET /api/server}, AgentMeter's own health (uptime, heap, threads, event
 * streams, per-route and per-tool load, fleet instances). The figures come from the adapter that measures
 * them (the export adapter's self-monitoring); the argument check and the envelope are here, as for every
 * operation.
 *
 * <p>Thread-safe when its source is.
 */
public final class ServerStatusOperations {

    private final Supplier<?> status;

    /** Over {@code status}, which builds the current figures as a view object. */
    public ServerStatusOperations(Supplier<?> status) {
        this.status = status;
    }

    /** The server's own figures now; takes no arguments. */
    public Envelope getServerStatus(Arguments arguments) {
        return OperationCatalogue.GET_SERVER_STATUS.answer(arguments, none -> Envelope.success(status.get()));
    }
}
