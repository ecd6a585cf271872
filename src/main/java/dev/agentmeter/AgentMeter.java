package dev.agentmeter;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.web.WebServer;
import dev.agentmeter.web.WebSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: reads the settings, wires the parts, starts them. */
@Command(name = "agentmeter", mixinStandardHelpOptions = true, versionProvider = AgentMeter.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Real-time performance dashboard for AI agents: an MCP server, a live web dashboard "
                + "and a JSON API in one process.",
            "Every option also reads an environment variable, shown in brackets."})
public final class AgentMeter implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(AgentMeter.class);
    private static final int MAX_CAPACITY = 1_000_000;
    private static final int HTTP_THREADS = 64;
    private static final int MAX_SIMULATIONS_IN_FLIGHT = 1_000;

    @Option(names = "--host", defaultValue = "${env:AGENTMETER_HOST:-127.0.0.1}", paramLabel = "H",
            description = "Address to bind (default ${DEFAULT-VALUE}) [AGENTMETER_HOST].")
    private String host;

    @Option(names = "--port", defaultValue = "${env:AGENTMETER_PORT:-8080}", paramLabel = "P",
            description = "HTTP port; 0 picks a free one (default ${DEFAULT-VALUE}) [AGENTMETER_PORT].")
    private int port;

    @Option(names = "--stdio", defaultValue = "${env:AGENTMETER_STDIO:-false}",
            description = "Serve MCP on stdin/stdout; the dashboard is still served over HTTP [AGENTMETER_STDIO].")
    private boolean stdio;

    @Option(names = "--no-http", defaultValue = "${env:AGENTMETER_NO_HTTP:-false}",
            description = "With --stdio: serve no HTTP at all [AGENTMETER_NO_HTTP].")
    private boolean noHttp;

    @Option(names = "--history-size", defaultValue = "${env:AGENTMETER_HISTORY_SIZE:-100}", paramLabel = "N",
            description = "Request history capacity (default ${DEFAULT-VALUE}) [AGENTMETER_HISTORY_SIZE].")
    private int historySize;

    @Option(names = "--error-log-size", defaultValue = "${env:AGENTMETER_ERROR_LOG_SIZE:-50}", paramLabel = "N",
            description = "Error log capacity (default ${DEFAULT-VALUE}) [AGENTMETER_ERROR_LOG_SIZE].")
    private int errorLogSize;

    @Option(names = "--allowed-origin", split = ",", paramLabel = "ORIGIN",
            defaultValue = "${env:AGENTMETER_ALLOWED_ORIGIN}",
            description = "Another browser origin allowed to call /mcp, such as https://tools.example.com; "
                    + "repeatable (localhost and 127.0.0.1 on any port always are) [AGENTMETER_ALLOWED_ORIGIN].")
    private List<String> allowedOrigins = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new AgentMeter()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = validatedSettings();
        Running running = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "agentmeter-shutdown"));
        running.awaitStop();
        return 0;
    }

    /** Starts every part the settings ask for; the caller stops them with {@link Running#stop}. */
    public static Running start(Settings settings) throws Exception {
        var metrics = new PerformanceMetrics(Clock.systemUTC(),
                MetricsCapacities.defaults().withHistorySize(settings.historySize())
                        .withErrorLogSize(settings.errorLogSize()));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, runnable -> {
            var thread = new Thread(runnable, "agentmeter-timer");
            thread.setDaemon(true);
            return thread;
        });
        var simulator = new TaskSimulator(metrics, timer, System::nanoTime, MAX_SIMULATIONS_IN_FLIGHT);
        var operations = new PerformanceOperations(metrics, simulator);
        var json = new JsonCodec();
        var running = new Running(metrics, operations, timer);

        if (settings.http()) {
            var web = new WebServer(new WebSettings(settings.host(), settings.port(), HTTP_THREADS), operations, json);
            web.start();
            running.web = web;
            log.info("AgentMeter {} listening on {}", Version.current(), web.dashboardUrl());
            System.err.println("AgentMeter dashboard: " + web.dashboardUrl());
        }
        return running;
    }

    private Settings validatedSettings() {
        requireInRange("--port", port, 0, 65_535);
        requireInRange("--history-size", historySize, 1, MAX_CAPACITY);
        requireInRange("--error-log-size", errorLogSize, 1, MAX_CAPACITY);
        if (noHttp && !stdio) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--no-http needs --stdio: without either there is nothing to serve");
        }
        return new Settings(host, port, stdio, !noHttp, historySize, errorLogSize, allowedOrigins);
    }

    private void requireInRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** The running parts, so that main and tests stop them the same way. */
    public static final class Running {
        private final PerformanceMetrics metrics;
        private final PerformanceOperations operations;
        private final ScheduledExecutorService timer;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile WebServer web;

        private Running(PerformanceMetrics metrics, PerformanceOperations operations, ScheduledExecutorService timer) {
            this.metrics = metrics;
            this.operations = operations;
            this.timer = timer;
        }

        public PerformanceMetrics metrics() {
            return metrics;
        }

        public PerformanceOperations operations() {
            return operations;
        }

        /** The HTTP port, or -1 when HTTP is off. */
        public int httpPort() {
            return web == null ? -1 : web.port();
        }

        public void awaitStop() throws InterruptedException {
            stopped.await();
        }

        /** Stops every part; safe to call more than once. */
        public synchronized void stop() {
            if (stopped.getCount() == 0) {
                return;
            }
            try {
                if (web != null) {
                    web.stop();
                }
            } catch (Exception e) {
                log.warn("HTTP server did not stop cleanly: {}", e.toString());
            }
            timer.shutdownNow();
            stopped.countDown();
        }
    }

    /** The project's version, from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        static String current() {
            try (InputStream in = AgentMeter.class.getResourceAsStream("/agentmeter.properties")) {
                var properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }

        @Override
        public String[] getVersion() {
            return new String[] {"agentmeter " + current()};
        }
    }
}
