package dev.agentmeter.operations;

import java.util.List;

/**
 * The payload of a live dashboard event: the dashboard, the per-task breakdown, the time series and the
 * per-model breakdown.
 */
public record LiveView(DashboardView dashboard, List<TaskStatsView> tasks, TimeSeriesView timeseries,
                       List<ModelStatsView> models) {

    /** A view without per-model figures. */
    public LiveView(DashboardView dashboard, List<TaskStatsView> tasks, TimeSeriesView timeseries) {
        this(dashboard, tasks, timeseries, List.of());
    }
}
