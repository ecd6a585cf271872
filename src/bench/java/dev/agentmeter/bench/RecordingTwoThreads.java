package dev.agentmeter.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link RecordingBenchmarks} on two threads (the machine's cores): shared counters under contention. */
@Threads(2)
public class RecordingTwoThreads extends RecordingBenchmarks {
}
