package dev.agentmeter.operations;

import java.util.List;

/**
 * Everything a model needs to explain what is slow or failing: the figures behind the
 * {@code diagnose_performance} prompt.
 *
 * @param task            the task the diagnosis is about, or null for every task
 * @param window          the recent window, written as it was understood (such as {@code 15m})
 * @param metrics         the overall figures since the last reset
 * @param tasks           per-task figures since the last reset: the one task, or the busiest ones
 * @param recent          throughput, failures and latency trend over the window, for all tasks
 * @param slowestRequests the slowest tasks of the window in the request history, slowest first
 * @param recentErrors    the failures of the window in the error log, newest first
 * @param models          per-model figures since the last reset (every task's models), the busiest ones
 * @param costliestModel  the model whose known cost is highest; null when no model has a cost above zero
 * @param mostFailingModel the model with the most failed calls (ties: the higher error rate); null when no
 *                        model call failed
 */
public record DiagnosisView(String task, String window, MetricsView metrics, List<TaskStatsView> tasks,
                            WindowView recent, List<HistoryEntryView> slowestRequests,
                            List<ErrorEntryView> recentErrors, List<ModelStatsView> models, String costliestModel,
                            String mostFailingModel) {
}
