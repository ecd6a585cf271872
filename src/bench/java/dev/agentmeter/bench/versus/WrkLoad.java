package dev.agentmeter.bench.versus;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (c) The HTTP load as the issue measured it: wrk, two threads and 16 connections, each sending one request after
 * another over keep-alive HTTP/1.1. Used instead of {@link HttpLoad} when wrk is on the {@code PATH}: the JDK's
 * {@code HttpClient} threads of {@link HttpLoad} spend more CPU per request than either server on this 2-core
 * machine, so they bound both servers at about 5,000 requests a second and compress the ratios (BENCHMARKS.md,
 * issue 15). The MCP calls repeat {@code src/bench/wrk/tools-call.lua}: {@code tools/call
 * get_performance_metrics} on one 2025-11-25 session; {@code src/bench/wrk/http-versus.sh} runs the same outside
 * the harness.
 *
 * <p>Any answer that is not a 2xx, and any socket error, fails the section rather than flattering a figure.
 */
final class WrkLoad {

    static final Path TOOLS_CALL_SCRIPT = Path.of("src/bench/wrk/tools-call.lua");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NOT_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: .*");

    private final URI base;

    WrkLoad(URI base) {
        this.base = base;
    }

    /** Whether an executable {@code wrk} is on the {@code PATH}. */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    /** Requests per second of {@code tools/call get_performance_metrics} on MCP session {@code session}. */
    double toolCalls(String session, Duration duration) throws IOException, InterruptedException {
        return run(List.of("-s", TOOLS_CALL_SCRIPT.toString(), base.resolve("/mcp").toString()), session, duration);
    }

    /** Requests per second of {@code GET path}. */
    double get(String path, Duration duration) throws IOException, InterruptedException {
        return run(List.of(base.resolve(path).toString()), null, duration);
    }

    private static double run(List<String> target, String session, Duration duration)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("wrk", "-t2", "-c16", "-d" + duration.toSeconds() + "s"));
        command.addAll(target);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (session != null) {
            builder.environment().put("SID", session);
        }
        String what = "wrk " + String.join(" ", target);
        Process wrk = builder.start();
        String out = new String(wrk.getInputStream().readAllBytes());
        int exit = wrk.waitFor();
        Matcher rate = RATE.matcher(out);
        if (exit != 0 || !rate.find()) {
            throw new IOException(what + " failed (exit " + exit + "): " + out);
        }
        Matcher failed = NOT_2XX.matcher(out);
        if (failed.find()) {
            throw new IOException(what + ": " + failed.group(1) + " answers were not 2xx");
        }
        Matcher socketErrors = SOCKET_ERRORS.matcher(out);
        if (socketErrors.find()) {
            throw new IOException(what + ": " + socketErrors.group());
        }
        return Double.parseDouble(rate.group(1));
    }
}
