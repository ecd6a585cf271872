package dev.agentmeter.bench;

import org.openjdk.jmh.annotations.Threads;

/**
 * {@link RecordingBenchmarks} on eight threads sharing one store: more writers than this machine's two cores,
 * as a busy server's request threads are. Issue 15 asks that eight writers record no slower than two.
 */
@Threads(8)
public class RecordingEightThreads extends RecordingBenchmarks {
}
