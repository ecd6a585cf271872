package dev.agentmeter.operations;

import java.util.Locale;
import java.util.Optional;

/**
 * The words of a {@link DashboardSummary}: counts with thousands separators, rates in percent, durations in the
 * unit a person reads (ms, s, min), money in dollars. Task and agent names are quoted as they were recorded;
 * they reach a model as text, as they do from every other tool.
 *
 * <p>Thread-safe (stateless).
 */
final class DashboardSummaries {

    private DashboardSummaries() {
    }

    static DashboardSummary ofAll(MetricsView metrics, Optional<TaskStatsView> topFailing) {
        if (metrics.totalRequests() == 0) {
            return new DashboardSummary("AgentMeter has recorded no tasks since the last reset (it has been up "
                    + uptime(metrics.uptimeSeconds()) + "). Record finished work with record_agent_task, or try "
                    + "simulate_agent_task.", null, null, 0, 0, 0, null, null, null);
        }
        var text = new StringBuilder("AgentMeter: ")
                .append(count(metrics.totalRequests(), "task")).append(" since the last reset, ")
                .append(failures(metrics.failedRequests(), metrics.errorRate())).append(", ")
                .append(count(metrics.requestsPerMinute(), "task")).append(" in the last minute. ")
                .append(latency(metrics.p50ResponseTimeMs(), metrics.p95ResponseTimeMs(), metrics.p99ResponseTimeMs()));
        topFailing.ifPresent(task -> text.append(' ').append(mostFailures(task)));
        if (metrics.totalInputTokens() + metrics.totalOutputTokens() > 0) {
            text.append(" Model calls used ").append(number(metrics.totalInputTokens())).append(" input and ")
                    .append(number(metrics.totalOutputTokens())).append(" output tokens");
            text.append(metrics.totalCostUsd() > 0 ? ", costing " + money(metrics.totalCostUsd()) + "." : ".");
        } else if (metrics.totalCostUsd() > 0) {
            text.append(" Model calls cost ").append(money(metrics.totalCostUsd())).append('.');
        }
        return new DashboardSummary(text.toString(), null, null, metrics.totalRequests(), metrics.failedRequests(),
                metrics.errorRate(), metrics.p95ResponseTimeMs(), topFailing.map(TaskStatsView::name).orElse(null),
                metrics.totalCostUsd() > 0 ? metrics.totalCostUsd() : null);
    }

    static DashboardSummary ofAgent(String agent, Optional<AgentStatsView> stats, Optional<TaskStatsView> topFailing) {
        if (stats.isEmpty()) {
            return new DashboardSummary("Agent " + quoted(agent) + " has recorded no tasks since the last reset.",
                    null, agent, 0, 0, 0, null, null, null);
        }
        AgentStatsView figures = stats.get();
        var text = new StringBuilder("Agent ").append(quoted(agent)).append(": ")
                .append(count(figures.count(), "task")).append(" since the last reset, ")
                .append(failures(figures.failedRequests(), figures.errorRate())).append(". ")
                .append(latency(figures.p50ResponseTimeMs(), figures.p95ResponseTimeMs(), figures.p99ResponseTimeMs()));
        topFailing.ifPresent(task -> text.append(' ').append(mostFailures(task)));
        return new DashboardSummary(text.toString(), null, agent, figures.count(), figures.failedRequests(),
                figures.errorRate(), figures.p95ResponseTimeMs(), topFailing.map(TaskStatsView::name).orElse(null),
                null);
    }

    static DashboardSummary ofTask(TaskStatsView task) {
        String text = "Task " + quoted(task.name()) + ": " + count(task.count(), "run") + " since the last reset, "
                + failures(task.failedRequests(), task.errorRate()) + ". "
                + latency(task.p50ResponseTimeMs(), task.p95ResponseTimeMs(), task.p99ResponseTimeMs())
                + " Last run at " + task.lastRequestAt() + ".";
        return new DashboardSummary(text, task.name(), null, task.count(), task.failedRequests(), task.errorRate(),
                task.p95ResponseTimeMs(), task.failedRequests() > 0 ? task.name() : null, null);
    }

    private static String failures(long failed, double errorRate) {
        return failed == 0 ? "none failed" : number(failed) + " failed (" + percent(errorRate) + " error rate)";
    }

    private static String latency(Double p50, Double p95, Double p99) {
        return "Response times: p50 " + duration(p50) + ", p95 " + duration(p95) + ", p99 " + duration(p99) + ".";
    }

    private static String mostFailures(TaskStatsView task) {
        return "Most failures: task " + quoted(task.name()) + " (" + number(task.failedRequests()) + " of "
                + number(task.count()) + " failed).";
    }

    private static String count(long value, String noun) {
        return number(value) + " " + noun + (value == 1 ? "" : "s");
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    /** 3.25 -> "3.3%", 100 -> "100%". */
    static String percent(double value) {
        return trimmed(String.format(Locale.ROOT, "%.1f", value)) + "%";
    }

    /** 0.35 -> "0.35 ms", 850 -> "850 ms", 2500 -> "2.5 s", 125000 -> "2.1 min"; null -> "n/a". */
    static String duration(Double millis) {
        if (millis == null) {
            return "n/a";
        }
        if (millis < 1) {
            return trimmed(String.format(Locale.ROOT, "%.2f", millis)) + " ms";
        }
        if (millis < 10) {
            return trimmed(String.format(Locale.ROOT, "%.1f", millis)) + " ms";
        }
        if (millis < 999.5) {
            return Math.round(millis) + " ms";
        }
        if (millis < 59_950) {
            return trimmed(String.format(Locale.ROOT, "%.1f", millis / 1000)) + " s";
        }
        return trimmed(String.format(Locale.ROOT, "%.1f", millis / 60_000)) + " min";
    }

    /** Dollars: 4.1234 -> "$4.12", 1234.5 -> "$1,234.50"; below a cent two significant digits ("$0.0042"). */
    static String money(double usd) {
        if (usd >= 0.01) {
            return String.format(Locale.ROOT, "$%,.2f", usd);
        }
        int decimals = Math.min(9, 1 - (int) Math.floor(Math.log10(usd)));
        return "$" + trimmed(String.format(Locale.ROOT, "%." + decimals + "f", usd));
    }

    private static String uptime(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }

    private static String trimmed(String decimal) {
        return decimal.contains(".") ? decimal.replaceAll("\\.?0+$", "") : decimal;
    }
}
