package dev.agentmeter;

import java.net.BindException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.export.PrometheusExporter;
import dev.agentmeter.mcp.http.McpHttpLimits;
import dev.agentmeter.mcp.http.McpHttpSecurity;
import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.ServerStatusOperations;
import dev.agentmeter.otlp.OtlpReceiver;
import dev.agentmeter.web.api.MetricsScraper;
import dev.agentmeter.web.api.WebExtensions;
import dev.agentmeter.web.WebSecurity;
import dev.agentmeter.web.WebServer;
import dev.agentmeter.web.WebSettings;

/** The web server: dashboard, JSON API and {@code /metrics}, with MCP mounted on /mcp and the OTLP receiver on /v1. */
final class WebWiring {

    private static final Logger log = LoggerFactory.getLogger(WebWiring.class);
    private static final int HTTP_THREADS = 64;
    // The SDK holds a request thread while a tool call runs: MCP may take half of them, the dashboard keeps the rest.
    private static final int MAX_CONCURRENT_MCP_HTTP_REQUESTS = HTTP_THREADS / 2;

    private WebWiring() {
    }

    /**
     * Builds the server with its mounts and starts it; empty if it cannot listen. In {@code --stdio} mode HTTP is a
     * bonus: failing to listen is a warning, and MCP goes on over stdio; otherwise it stops {@code running} and
     * the start.
     */
    static Optional<WebServer> start(Settings settings, PerformanceOperations operations, JsonCodec json, ExportWiring exports,
                      AlertWiring alerts, McpServers mcp, Running running) throws StartupFailure {
        var security = new WebSecurity(settings.token(), settings.rateLimit(), settings.allowedOrigins(),
                settings.tls(), WebSecurity.DEFAULT_STOP_TIMEOUT);
        var webSettings = new WebSettings(settings.host(), settings.port(), HTTP_THREADS);
        PrometheusExporter exporter = exports.prometheus();
        var web = new WebServer(webSettings, security, operations, json, extensions(exporter, alerts));
        web.mount("/mcp/*", () -> mcp.streamableHttp(McpHttpSecurity.of(settings.host(),
                settings.allowedOrigins()), McpHttpLimits.of(MAX_CONCURRENT_MCP_HTTP_REQUESTS)),
                McpServers.MAX_MESSAGE_BYTES);
        web.mountWithBodyLimit("/v1/*", () -> OtlpReceiver.servlet(operations, exporter::observeOtlpItems,
                webSettings.maxBodyBytes()));
        try {
            if (settings.stdio() && settings.tls().isEmpty()) {
                // The process an MCP client keeps per user: its dashboard may never be opened, so Jetty (about
                // 8 MiB resident, issue 15) starts when someone first connects. With TLS it starts now, so that a
                // keystore it cannot use is reported at start, not at the first visit.
                web.startOnFirstConnection(failure -> log.warn("{}; no dashboard and no MCP over HTTP, but MCP "
                        + "over stdio goes on", startProblem(settings, failure)));
            } else {
                web.start();
            }
        } catch (Exception e) {
            stopQuietly(web);
            String problem = startProblem(settings, e);
            if (!settings.stdio()) {
                running.stop();
                throw new StartupFailure(problem, e);
            }
            log.warn("{}; no dashboard and no MCP over HTTP, but MCP over stdio goes on", problem);
            return Optional.empty();
        }
        log.info("AgentMeter {} listening on {} (token: {}, rate limit per address: {})", Version.current(),
                web.dashboardUrl(), settings.token().isPresent() ? "required" : "none",
                settings.rateLimit().spec());
        if (settings.insecure() && settings.token().isEmpty() && !ExposureCheck.isLoopback(settings.host())) {
            log.warn("Serving {} without a token (--insecure): anyone who can reach it can read and reset the "
                    + "figures and call the MCP tools", settings.host());
        }
        System.err.println("AgentMeter dashboard: " + web.dashboardUrl());
        return Optional.of(web);
    }

    private static WebExtensions extensions(PrometheusExporter exporter, AlertWiring alerts) {
        MetricsScraper scraper = accept -> {
            PrometheusExporter.Scrape scrape = exporter.scrape(accept);
            return new MetricsScraper.Exposition(scrape.contentType(), scrape.body());
        };
        return new WebExtensions(scraper,
                new ServerStatusOperations(exporter::serverStatusView)::getServerStatus, alerts.operations(),
                listener -> alerts.engine().addListener(transition -> listener.run()), exporter::observeHttpRequest);
    }

    private static String startProblem(Settings settings, Exception failure) {
        String address = settings.host() + ":" + settings.port();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "cannot listen on " + address + ": the port is already in use (choose another with --port; "
                        + "0 picks a free one)";
            }
        }
        return "cannot listen on " + address + ": " + failure.getMessage();
    }

    private static void stopQuietly(WebServer web) {
        try {
            web.stop();
        } catch (Exception e) {
            log.debug("HTTP server did not stop after a failed start: {}", e.toString());
        }
    }
}
