package dev.agentmeter.operations;

import java.util.List;

/** The payload of a live dashboard event: the dashboard, the per-task breakdown and the time series. */
public record LiveView(DashboardView dashboard, List<TaskStatsView> tasks, TimeSeriesView timeseries) {
}
