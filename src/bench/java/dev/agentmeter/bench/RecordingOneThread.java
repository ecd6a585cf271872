package dev.agentmeter.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link RecordingBenchmarks} on one thread: the uncontended cost of a record. */
@Threads(1)
public class RecordingOneThread extends RecordingBenchmarks {
}
