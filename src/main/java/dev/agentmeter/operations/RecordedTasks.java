package dev.agentmeter.operations;

/** The answer to a task report: how many tasks were recorded. */
public record RecordedTasks(int recorded) {
}
