package dev.agentmeter.operations;

import java.util.List;

/** What the dashboard shows at a glance: the metrics, the newest requests and the newest errors. */
public record DashboardView(MetricsView metrics, List<HistoryEntryView> recentRequests,
                            List<ErrorEntryView> recentErrors) {
}
