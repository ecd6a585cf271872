package dev.agentmeter.operations;

import java.util.List;
import java.util.Map;

/**
 * The web dashboard's live view, whole or for one agent, with the firing alerts: what {@code GET /api/events}
 * pushes and {@code GET /api/live} answers, so that a page that polls reads one document, and a page filtered
 * by agent is pushed that agent's view instead of refetching it. With {@code agent} the task table and the
 * series are that agent's tasks; the cards, newest tasks, failures, models and alerts are always every agent's.
 *
 * <p>Thread-safe: stateless over thread-safe operations.
 */
public final class LiveViews {

    private final PerformanceOperations operations;
    private final AlertOperations alerts;

    public LiveViews(PerformanceOperations operations, AlertOperations alerts) {
        this.operations = operations;
        this.alerts = alerts;
    }

    /** {@code GET /api/live}: the live view, optionally of one {@code agent}'s tasks. */
    public Envelope getLiveView(Arguments arguments) {
        Checked<String> agent = agentFilter(arguments);
        if (agent instanceof Checked.Invalid<String> invalid) {
            return Envelope.invalidArgument(invalid.message());
        }
        return Envelope.success(of(((Checked.Valid<String>) agent).value()));
    }

    /** The optional {@code agent} of a live view or stream; {@code null} for every agent. */
    public Checked<String> agentFilter(Arguments arguments) {
        return OperationCatalogue.GET_LIVE_DASHBOARD.check(arguments).map(values -> values.text("agent"));
    }

    /** The live view of every agent ({@code agent} null) or of one. */
    public LiveView of(String agent) {
        LiveView all = operations.liveView();
        List<AlertView> firing = alerts.active();
        if (agent == null) {
            return all.withAlerts(firing);
        }
        Arguments filter = Arguments.of(Map.of("agent", agent));
        return new LiveView(all.dashboard(), data(operations.getTaskStats(filter)),
                data(operations.getTimeSeries(filter)), all.models(), firing);
    }

    /** The data of an operation that cannot refuse the filter it was given (it was checked already). */
    @SuppressWarnings("unchecked")
    private static <T> T data(Envelope envelope) {
        if (envelope instanceof Envelope.Success success) {
            return (T) success.data();
        }
        throw new IllegalStateException("an operation refused a checked agent filter: " + envelope);
    }
}
