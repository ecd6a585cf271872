package dev.agentmeter.otlp;

import java.util.List;
import java.util.Map;

/**
 * What a metrics export held for the usage totals: usage objects (the fields of {@code recordUsage}), each
 * with the number of data points it sums, and how many data points were ignored.
 */
record UsageBatch(List<Group> groups, int ignoredPoints) {

    /**
     * One sender's usage of one model in one request, and how many data points it came from; {@code zero} when
     * they add nothing (cumulative series that did not grow), so there is nothing to record.
     */
    record Group(Map<String, Object> usage, int points, boolean zero) {
    }
}
