package dev.agentmeter.operations;

import java.util.List;

/**
 * The answer to a telemetry batch that may be taken in part: how many tasks were recorded, how many items
 * were refused, and why the first of them were ({@code items[3].duration_ms must be ...}).
 */
public record PartialRecording(int recorded, int rejected, List<String> problems) {

    public PartialRecording {
        problems = List.copyOf(problems);
    }
}
