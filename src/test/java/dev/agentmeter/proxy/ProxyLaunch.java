package dev.agentmeter.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Command lines for the proxy and the downstream test server in child JVMs of this build, and the dashboard API. */
final class ProxyLaunch {

    private static final Pattern DASHBOARD_LINE = Pattern.compile("AgentMeter dashboard: http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ProxyLaunch() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The arguments after {@code java} that start the downstream test server. */
    static List<String> downstreamArguments() {
        return List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DownstreamTestServer.class.getName());
    }

    /** The arguments after {@code java} that start {@code agentmeter proxy OPTIONS -- <downstream test server>}. */
    static List<String> proxyArguments(String... options) {
        var downstream = new ArrayList<String>();
        downstream.add(java());
        downstream.addAll(downstreamArguments());
        return proxyArgumentsFor(downstream, options);
    }

    /** The arguments after {@code java} that start {@code agentmeter proxy OPTIONS -- DOWNSTREAM...}. */
    static List<String> proxyArgumentsFor(List<String> downstream, String... options) {
        var arguments = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.agentmeter.AgentMeter", "proxy", "--port", "0"));
        arguments.addAll(List.of(options));
        arguments.add("--");
        arguments.addAll(downstream);
        return arguments;
    }

    /** The dashboard port from a stderr line, or -1 when the line is not the dashboard's. */
    static int dashboardPort(String stderrLine) {
        Matcher matcher = DASHBOARD_LINE.matcher(stderrLine);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** {@code GET /api/history?limit=100} of the proxy's own dashboard: its {@code data} array. */
    static JsonNode history(int port) throws Exception {
        return get(port, "/api/history?limit=100").path("data");
    }

    /** {@code GET /api/server} of the proxy's own dashboard: its {@code data} object. */
    static JsonNode serverStatus(int port) throws Exception {
        return get(port, "/api/server").path("data");
    }

    static void reset(int port) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static JsonNode get(int port, String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
