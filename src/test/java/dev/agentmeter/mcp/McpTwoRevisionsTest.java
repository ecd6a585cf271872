package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.agentmeter.testing.NpmTestFolder;
import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.ChildCommand;
import dev.agentmeter.testing.TestSettings;

/**
 * MCP 2026-07-28 and 2025-11-25 against one running server, each through its official TypeScript client: the v2
 * client ({@code @modelcontextprotocol/client} 2.4.0) pinned to 2026-07-28, which must not fall back, and the v1
 * client ({@code @modelcontextprotocol/sdk} 1.x) with its initialize handshake. The driver in
 * {@code src/test/mcp-clients} makes every tool, resource, prompt and completion call with each client in turn;
 * here every pair of answers must be equal (clocks aside), over Streamable HTTP and over stdio. The one difference
 * the revisions specify is checked as such: a resource that does not exist is {@code -32002} in 2025-11-25 and
 * {@code -32602} in 2026-07-28.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpTwoRevisionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAIRS = 37;
    private static final long DRIVER_MINUTES = 3;
    private static final Map<String, List<Integer>> RESOURCE_NOT_FOUND = Map.of(
            "resources/read unknown task", List.of(-32002, -32602),
            "resources/read unknown resource", List.of(-32002, -32602));

    private NpmTestFolder folder;
    private Path driver;

    @BeforeAll
    void installClients() throws Exception {
        folder = new NpmTestFolder("mcp-clients", "MCP two-revision test");
        driver = folder.prepare(List.of("package.json", "package-lock.json", "compare.mjs"));
    }

    @Test
    void bothRevisionsGiveEqualAnswersOverStreamableHttp() throws Exception {
        Running running = AgentMeter.start(TestSettings.forTests());
        try {
            JsonNode report = drive("http", "http://127.0.0.1:" + running.httpPort() + "/mcp");
            assertEqualAnswers(report);
        } finally {
            running.stop();
        }
    }

    @Test
    void bothRevisionsGiveEqualAnswersOverStdio() throws Exception {
        var command = new ArrayList<String>();
        command.add(ChildCommand.java());
        command.addAll(ChildCommand.agentMeter("--stdio", "--no-http"));
        assertEqualAnswers(drive("stdio", JSON.writeValueAsString(command)));
    }

    private static void assertEqualAnswers(JsonNode report) {
        assertThat(report.path("modernVersion").asText()).as("the v2 client kept 2026-07-28, no fallback")
                .isEqualTo("2026-07-28");
        JsonNode discover = report.path("discover");
        assertThat(discover.path("supportedVersions").toString()).isEqualTo("[\"2026-07-28\"]");
        assertThat(discover.path("capabilities").path("extensions").has("io.modelcontextprotocol/ui")).isTrue();
        assertThat(discover.path("capabilities").path("resources").path("subscribe").asBoolean()).isTrue();
        assertThat(report.path("modernInstructions").asText()).isNotBlank()
                .isEqualTo(report.path("legacyInstructions").asText());

        JsonNode pairs = report.path("pairs");
        assertThat(pairs.size()).as("every operation of the driver was made by both clients").isEqualTo(PAIRS);
        for (JsonNode pair : pairs) {
            String key = pair.path("key").asText();
            if (RESOURCE_NOT_FOUND.containsKey(key)) {
                List<Integer> codes = RESOURCE_NOT_FOUND.get(key);
                assertThat(pair.path("v1").path("code").asInt()).as(key + " in 2025-11-25").isEqualTo(codes.get(0));
                assertThat(pair.path("v2").path("code").asInt()).as(key + " in 2026-07-28").isEqualTo(codes.get(1));
            } else {
                assertThat(pair.path("v2")).as(key).isEqualTo(pair.path("v1"));
                assertThat(pair.path("v1").has("answer") || pair.path("v1").has("rejected")).as(key).isTrue();
            }
        }
        assertThat(report.path("honoredFilter").path("resourceSubscriptions").toString())
                .isEqualTo("[\"agentmeter://metrics\"]");
        assertThat(report.path("updates").path("v1").toString()).as("2025-11-25 subscriber heard the update")
                .isEqualTo("[\"agentmeter://metrics\"]");
        assertThat(report.path("updates").path("v2")).as("2026-07-28 listener heard the same")
                .isEqualTo(report.path("updates").path("v1"));
    }

    /** Runs the driver and reads its report; its stderr goes to {@code target/mcp-clients/driver-MODE.log}. */
    private JsonNode drive(String mode, String target) throws Exception {
        Path out = driver.resolve("report-" + mode + ".json");
        Path log = driver.resolve("driver-" + mode + ".log");
        Process process = new ProcessBuilder(folder.executable("node"), "compare.mjs", mode, target)
                .directory(driver.toFile())
                .redirectOutput(out.toFile())
                .redirectError(log.toFile())
                .start();
        boolean finished = process.waitFor(DRIVER_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0)
                .as("the driver finished; its log:%n%s", NpmTestFolder.tail(Files.readString(log, StandardCharsets.UTF_8)))
                .isTrue();
        return JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
    }
}
