package dev.agentmeter.operations;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The payload of a live dashboard event: the dashboard, the per-task breakdown, the time series, the per-model
 * breakdown and the firing alerts. The MCP App panel's view carries no alerts ({@code null}, left out of its
 * JSON): the panel does not draw them.
 */
public record LiveView(DashboardView dashboard, List<TaskStatsView> tasks, TimeSeriesView timeseries,
                       List<ModelStatsView> models, @JsonInclude(JsonInclude.Include.NON_NULL) List<AlertView> alerts) {

    /** A view without alerts. */
    public LiveView(DashboardView dashboard, List<TaskStatsView> tasks, TimeSeriesView timeseries,
                    List<ModelStatsView> models) {
        this(dashboard, tasks, timeseries, models, null);
    }

    /** A view without per-model figures nor alerts. */
    public LiveView(DashboardView dashboard, List<TaskStatsView> tasks, TimeSeriesView timeseries) {
        this(dashboard, tasks, timeseries, List.of(), null);
    }

    /** This view with {@code alerts}. */
    public LiveView withAlerts(List<AlertView> firing) {
        return new LiveView(dashboard, tasks, timeseries, models, firing);
    }
}
