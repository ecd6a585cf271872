package dev.agentmeter.operations;

import java.util.List;

/**
 * The alerts family: {@code get_alerts} and {@code GET /api/alerts}, the alerts firing now, one validation and
 * one envelope for both doors.
 *
 * <p>Thread-safe when its source is.
 */
public final class AlertOperations {

    private final AlertSource source;

    public AlertOperations(AlertSource source) {
        this.source = source;
    }

    /** The firing alerts, oldest first; takes no arguments. */
    public Envelope getAlerts(Arguments arguments) {
        return OperationCatalogue.GET_ALERTS.answer(arguments, none -> Envelope.success(source.active()));
    }

    /** The firing alerts, for the live event stream. */
    public List<AlertView> active() {
        return source.active();
    }
}
