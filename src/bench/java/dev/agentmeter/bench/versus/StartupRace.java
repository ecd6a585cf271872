package dev.agentmeter.bench.versus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * (a) Time from process start to the first answered {@code tools/list} over stdio: the client writes initialize,
 * initialized and tools/list at once, as clients do, and stops the clock on the tools/list answer. The contenders
 * take turns, run after run, so a load change on the machine hits both; the median of each is reported.
 */
final class StartupRace {

    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n";

    private StartupRace() {
    }

    /** Median milliseconds per contender, in the order given. */
    static double[] medians(List<Contender> contenders, int runs) throws IOException {
        var samples = new ArrayList<List<Double>>();
        contenders.forEach(c -> samples.add(new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < contenders.size(); i++) {
                samples.get(i).add(once(contenders.get(i)));
            }
        }
        double[] medians = new double[contenders.size()];
        for (int i = 0; i < medians.length; i++) {
            medians[i] = Stats.median(samples.get(i));
            System.out.printf("  start-up %-12s runs %s ms%n", contenders.get(i).name(), Stats.rounded(samples.get(i)));
        }
        return medians;
    }

    private static double once(Contender contender) throws IOException {
        try (var server = StdioServer.start(contender.stdioCommand(), contender.workingDirectory())) {
            server.send(StdioServer.INITIALIZE + TOOLS_LIST);
            String answer = server.awaitAnswer(1);
            double millis = (System.nanoTime() - server.startedNanos()) / 1e6;
            if (!answer.contains("\"tools\"")) {
                throw new IOException(contender.name() + " answered tools/list without tools: " + answer);
            }
            return millis;
        }
    }
}
