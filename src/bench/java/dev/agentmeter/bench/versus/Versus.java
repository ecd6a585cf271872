package dev.agentmeter.bench.versus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Issue 15's four comparisons in one run, AgentMeter against the TypeScript SDK v1 reference server
 * ({@code src/bench/ts-reference}), side by side, printing figures, ratios and targets:
 * (a) start-up to the first {@code tools/list} over stdio; (b) {@code tools/call} pipelined over stdio;
 * (c) {@code tools/call} over Streamable HTTP with many connections, and AgentMeter's {@code GET /api/dashboard}
 * (with wrk when it is on the {@code PATH}, as the issue measured; else with the JDK's HTTP client);
 * (d) parallel recording (JMH, 1, 2 and 8 threads taking turns, 5 rounds, beside a store per thread);
 * (e) resident set after 1,000 calls.
 *
 * <pre>
 * src/bench/versus.sh                     # builds the jar and the benchmarks, then runs this
 * java -cp target/benchmarks.jar dev.agentmeter.bench.versus.Versus [--launcher "target/agentmeter"]
 *     [--sections abcde] [--runs 10] [--skip-npm]
 * </pre>
 *
 * AgentMeter is started by {@code --launcher} (default: {@code target/agentmeter} when the build made it, else
 * {@code java -jar target/agentmeter.jar}, the two forms README has given MCP clients) with README's client
 * arguments {@code --stdio --port P --data DIR}, {@code P} being 0 so that parallel runs never fight over 8080.
 * Run from the project's root. Not thread-safe; a main.
 */
public final class Versus {

    private static final Path TS_REFERENCE = Path.of("src/bench/ts-reference");
    private static final Duration HTTP_WARMUP = Duration.ofSeconds(5);
    private static final Duration HTTP_MEASURED = Duration.ofSeconds(10);
    private static final int HTTP_THREADS = 16;
    private static final String WRK_PROTOCOL_VERSION = "2025-11-25";
    private static final Duration WRK_WARMUP = Duration.ofSeconds(15);
    private static final Duration WRK_DASHBOARD_WARMUP = Duration.ofSeconds(6);
    private static final Duration WRK_WINDOW = Duration.ofSeconds(8);
    private static final int WRK_WINDOWS = 3;

    private Versus() {
    }

    public static void main(String[] args) throws Exception {
        String launcher = Files.isExecutable(Path.of("target/agentmeter")) ? "target/agentmeter"
                : "java -jar target/agentmeter.jar";
        String sections = "abcde";
        int runs = 10;
        boolean npm = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--launcher" -> launcher = args[++i];
                case "--sections" -> sections = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--skip-npm" -> npm = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (npm) {
            installReference();
        }
        Path scratch = Files.createTempDirectory("versus-");
        // The servers' data folders go with the run, however it ends (System.exit below, Ctrl-C).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(scratch), "versus-cleanup"));
        List<String> agentMeter = List.of(launcher.trim().split("\\s+"));
        var stdio = new ArrayList<>(agentMeter);
        stdio.addAll(List.of("--stdio", "--port", "0", "--data", scratch.resolve("stdio-data").toString()));
        var httpBefore = new ArrayList<>(agentMeter);
        httpBefore.add("--port");
        Path root = Path.of("").toAbsolutePath();
        var am = new Contender("AgentMeter", stdio, httpBefore,
                List.of("--data", scratch.resolve("http-data").toString(), "--rate-limit", "off"), root);
        var ts = new Contender("TypeScript", List.of("node", "server.mjs"), List.of("node", "server.mjs", "--http"),
                List.of(), root.resolve(TS_REFERENCE));
        var contenders = List.of(am, ts);
        var report = new Report();
        System.out.printf("AgentMeter: %s%nTypeScript: node server.mjs (in %s), node %s%n%n", String.join(" ", stdio),
                TS_REFERENCE, command(List.of("node", "--version")));
        long began = System.nanoTime();
        if (sections.contains("a")) {
            double[] millis = StartupRace.medians(contenders, runs);
            report.versus("1  start-up to first tools/list, stdio (ms, median of " + runs + ")", millis[0], millis[1],
                    "<= 1.5", false);
        }
        if (sections.contains("b")) {
            double[] perSecond = StdioThroughput.medians(contenders, Duration.ofSeconds(4), Duration.ofSeconds(3), 3);
            report.versus("2a tools/call pipelined, stdio, 1 client (calls/s)", perSecond[0], perSecond[1], ">= 2",
                    true);
        }
        if (sections.contains("c")) {
            httpSection(am, ts, report);
        }
        if (sections.contains("d")) {
            RecordingScaling.Figures figures = RecordingScaling.opsPerSecond();
            double[] ops = figures.shared();
            report.ratio("3a recording, 2 threads / 1 thread (ops/s)", ops[1], ops[0], ">= 1.8", true);
            report.ratio("3b recording, 8 threads / 2 threads (ops/s)", ops[2], ops[1], ">= 1.0", true);
            report.reference("   the same with a store per thread (nothing shared), 8 threads / 2",
                    figures.ownStoreEight(), figures.ownStoreTwo());
        }
        if (sections.contains("e")) {
            ResidentSet.Figures resident = ResidentSet.afterCalls(contenders);
            double[] mebibytes = resident.afterCalls();
            report.versus("4  resident set after " + ResidentSet.CALLS + " tools/call, stdio (MiB)", mebibytes[0],
                    mebibytes[1], "<= 1.0", false);
            report.reference("   the same " + ResidentSet.REST.toSeconds() + " s later, both idle (MiB)",
                    resident.rested()[0], resident.rested()[1]);
        }
        System.out.printf("%n%s%nwhole run %.0f s, %d cores shared by clients and servers%n", report,
                (System.nanoTime() - began) / 1e9, Runtime.getRuntime().availableProcessors());
        System.exit(report.allMet() ? 0 : 1);
    }

    private static void httpSection(Contender am, Contender ts, Report report) throws Exception {
        boolean wrk = WrkLoad.available();
        if (!wrk) {
            System.out.println("  wrk is not on the PATH (apt-get install wrk): the HTTP load comes from the harness's"
                    + " JDK HttpClient threads, which bound both servers on a 2-core machine");
        }
        double[] mcp = new double[2];
        double dashboard = 0;
        List<Contender> both = List.of(am, ts);
        for (int i = 0; i < both.size(); i++) {
            int port = HttpLoad.freePort();
            Process server = HttpLoad.launch(both.get(i).httpCommand(port), both.get(i).workingDirectory());
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                var load = new HttpLoad(base);
                load.awaitListening("/mcp", server);
                if (wrk) {
                    var wrkLoad = new WrkLoad(base);
                    mcp[i] = wrkToolCalls(both.get(i).name(), wrkLoad, load);
                    if (i == 0) {
                        wrkLoad.get("/api/dashboard", WRK_DASHBOARD_WARMUP);
                        dashboard = wrkLoad.get("/api/dashboard", WRK_WINDOW);
                    }
                } else {
                    var call = load.mcpToolCall();
                    load.drive(call, HTTP_THREADS, HTTP_WARMUP);
                    mcp[i] = load.drive(call, HTTP_THREADS, HTTP_MEASURED);
                    if (i == 0) {
                        var get = load.get("/api/dashboard");
                        load.drive(get, HTTP_THREADS, HTTP_WARMUP);
                        dashboard = load.drive(get, HTTP_THREADS, HTTP_MEASURED);
                    }
                }
            } finally {
                stop(server);
            }
        }
        String client = wrk ? "wrk -t2 -c16" : HTTP_THREADS + " JDK client threads";
        report.versus("2b tools/call, Streamable HTTP, " + client + ", 1 session (calls/s)", mcp[0], mcp[1], ">= 2",
                true);
        report.ratio("2c AgentMeter tools/call over HTTP / its GET /api/dashboard (req/s)", mcp[0], dashboard,
                ">= 0.5", true);
    }

    /**
     * As {@code src/bench/wrk/http-versus.sh}: one 2025-11-25 session, a warm-up for the JIT, then
     * {@value #WRK_WINDOWS} measured windows; their median.
     */
    private static double wrkToolCalls(String name, WrkLoad wrk, HttpLoad session) throws Exception {
        String id = session.openSession(WRK_PROTOCOL_VERSION);
        wrk.toolCalls(id, WRK_WARMUP);
        var windows = new ArrayList<Double>();
        for (int window = 0; window < WRK_WINDOWS; window++) {
            windows.add(wrk.toolCalls(id, WRK_WINDOW));
        }
        System.out.printf("  HTTP tools/call %s   wrk windows %s req/s%n", name, Stats.rounded(windows));
        return Stats.median(windows);
    }

    /** {@code folder} and everything in it, as far as it can be deleted (a benchmark's scratch space). */
    private static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly().waitFor();
        }
    }

    /** {@code npm ci} in the reference server's folder: exactly the versions of its lock file. */
    private static void installReference() throws IOException, InterruptedException {
        System.out.println("npm " + command(List.of("npm", "--version")) + ": npm ci in " + TS_REFERENCE);
        int exit = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(TS_REFERENCE.toFile()).inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
        if (exit != 0) {
            throw new IOException("npm ci failed in " + TS_REFERENCE + " (exit " + exit + ")");
        }
    }

    private static String command(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor();
        return out;
    }
}
