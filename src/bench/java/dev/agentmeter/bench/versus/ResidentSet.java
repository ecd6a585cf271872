package dev.agentmeter.bench.versus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * (e) Resident set of each server after 1,000 {@code tools/call} over stdio, as an MCP client leaves it: half
 * {@code simulate_agent_task} with duration 0 (each records a task), half {@code get_performance_metrics}, one
 * call at a time. VmRSS is read once the last answer is in, the process (and any child of a launcher) summed: the
 * target's figure. It is read again {@link #REST} later, the process idle: what the client keeps beside it between
 * calls, once memory that the calls' compilations and collections used for a moment has gone back (HotSpot frees its
 * compilers' arenas every 5 s).
 */
final class ResidentSet {

    static final int CALLS = 1_000;
    static final Duration REST = Duration.ofSeconds(10);

    /** VmRSS in MiB per contender, in the order given: right after the calls, and {@link #REST} later. */
    record Figures(double[] afterCalls, double[] rested) {
    }

    private ResidentSet() {
    }

    static Figures afterCalls(List<Contender> contenders) throws IOException, InterruptedException {
        var mebibytes = new ArrayList<Double>();
        var rested = new ArrayList<Double>();
        for (Contender contender : contenders) {
            try (var server = StdioServer.start(contender.stdioCommand(), contender.workingDirectory())) {
                server.send(StdioServer.INITIALIZE);
                server.awaitAnswer(0);
                for (int id = 1; id <= CALLS; id++) {
                    server.send(call(id));
                    String answer = server.awaitAnswer(id);
                    if (!answer.contains("\"result\"")) {
                        throw new IOException(contender.name() + " failed call " + id + ": " + answer);
                    }
                }
                mebibytes.add(server.residentKib() / 1024.0);
                System.out.printf("  resident %-12s %.1f MiB (%s)%n", contender.name(),
                        mebibytes.get(mebibytes.size() - 1), server.residentParts());
                Thread.sleep(REST.toMillis());
                rested.add(server.residentKib() / 1024.0);
                System.out.printf("  resident %-12s %.1f MiB %d s later (%s)%n", contender.name(),
                        rested.get(rested.size() - 1), REST.toSeconds(), server.residentParts());
            }
        }
        return new Figures(mebibytes.stream().mapToDouble(Double::doubleValue).toArray(),
                rested.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String call(int id) {
        String params = id % 2 == 0
                ? "{\"name\":\"get_performance_metrics\",\"arguments\":{}}"
                : "{\"name\":\"simulate_agent_task\",\"arguments\":{\"name\":\"rss-" + id % 7
                        + "\",\"duration\":0,\"should_fail\":" + (id % 10 == 1) + "}}";
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":" + params + "}\n";
    }
}
