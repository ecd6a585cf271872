package dev.agentmeter.otlp;

import java.util.Map;

import dev.agentmeter.operations.Envelope;

/** Records usage that came without a task ({@code PerformanceOperations.recordUsage}), by its rules. */
@FunctionalInterface
interface UsageRecorder {

    Envelope record(Map<String, ?> usage);
}
