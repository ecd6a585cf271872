package dev.agentmeter;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import dev.agentmeter.export.OtlpDestination;
import dev.agentmeter.export.OtlpExportOptions;
import dev.agentmeter.export.OtlpTaskExporter;
import dev.agentmeter.export.TaskOrigin;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.proxy.McpProxy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agentmeter proxy -- COMMAND ARGS...}: measures any stdio MCP server by standing between it and its client. */
@Command(name = "proxy", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Starts the MCP server COMMAND as a child over stdio and serves MCP to this process's client on "
                + "stdin/stdout, forwarding every message unchanged; each tools/call is recorded as a task and shown on "
                + "this process's own dashboard.",
            "Put '--' before COMMAND so that its options are not read as the proxy's.",
            "Every option also reads an environment variable, shown in brackets."})
final class ProxyCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "${env:AGENTMETER_HOST:-127.0.0.1}", paramLabel = "H",
            description = "Address the dashboard binds (default ${DEFAULT-VALUE}) [AGENTMETER_HOST].")
    private String host;

    @Option(names = "--port", defaultValue = "${env:AGENTMETER_PORT:-0}", paramLabel = "P",
            description = "Dashboard port; 0 (the default) picks a free one, printed on stderr [AGENTMETER_PORT].")
    private int port;

    @Option(names = "--report-to", defaultValue = "${env:AGENTMETER_REPORT_TO}", paramLabel = "URL",
            description = "Also send each task as an OpenTelemetry span (OTLP/HTTP, batched, retried) to URL: a "
                    + "central AgentMeter such as http://host:8080 or an OpenTelemetry Collector such as "
                    + "http://collector:4318 (/v1/traces is appended) [AGENTMETER_REPORT_TO].")
    private String reportTo;

    @Option(names = "--report-token", defaultValue = "${env:AGENTMETER_REPORT_TOKEN}", paramLabel = "TOKEN",
            description = "Sent as Authorization: Bearer TOKEN with each export [AGENTMETER_REPORT_TOKEN].")
    private String reportToken;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The downstream MCP server and its arguments.")
    private List<String> command = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.requirePort(spec.commandLine(), port);
        OtlpDestination central = reportDestination();
        // stdout carries the protocol alone: whatever else gets printed by mistake goes to stderr instead.
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        InputStream stdin = new FileInputStream(FileDescriptor.in);
        System.setOut(System.err);

        Running dashboard = startDashboard();
        OtlpTaskExporter reporter = central == null ? null : OtlpTaskExporter.start(central, TaskOrigin.MCP_PROXY,
                Version.current(), OtlpExportOptions.defaults());
        if (reporter != null) {
            dashboard.exporter().watchOtlpExport(reporter::view); // the proxy's own /metrics and /api/server
        }
        var proxy = new McpProxy(command, stdin, stdout, task -> record(task, dashboard, reporter), Clock.systemUTC(),
                McpProxy.STOP_GRACE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.abort();
            stop(reporter, dashboard);
        }, "agentmeter-proxy-shutdown"));
        int code;
        try {
            code = proxy.run();
        } catch (IOException e) {
            spec.commandLine().getErr().println("agentmeter proxy: cannot start " + command.get(0) + ": "
                    + e.getMessage());
            code = 1;
        }
        stop(reporter, dashboard);
        return code;
    }

    private static void record(TaskRecord task, Running dashboard, OtlpTaskExporter reporter) {
        dashboard.metrics().record(task);
        if (reporter != null) {
            reporter.offer(task);
        }
    }

    private static void stop(OtlpTaskExporter reporter, Running dashboard) {
        if (reporter != null) {
            reporter.close();
        }
        dashboard.stop();
    }

    /** The dashboard is a bonus here: if it cannot listen, the proxy still proxies and still reports. */
    private Running startDashboard() throws Exception {
        var settings = Settings.dashboardOnly(host, port);
        try {
            return Startup.start(settings, InputStream.nullInputStream(), OutputStream.nullOutputStream());
        } catch (StartupFailure e) {
            // The logger is fetched here, not held by the class: picocli loads this class with the command line, and
            // slf4j starts beside that (see AgentMeter.main).
            LoggerFactory.getLogger(ProxyCommand.class).warn("{}; no dashboard, but the proxy goes on", e.getMessage());
            var headless = settings.toBuilder().http(false).build();
            return Startup.start(headless, InputStream.nullInputStream(), OutputStream.nullOutputStream());
        }
    }

    /** Where {@code --report-to} sends spans, with the token as a bearer authorization; null for nowhere. */
    private OtlpDestination reportDestination() {
        if (reportTo == null || reportTo.isBlank()) {
            return null;
        }
        OtlpDestination destination;
        try {
            destination = OtlpDestination.forBaseUrl("--report-to", reportTo);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (reportToken == null || reportToken.isBlank()) {
            return destination;
        }
        try {
            return destination.withHeader("Authorization", "Bearer " + reportToken.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report-token: " + e.getMessage());
        }
    }
}
