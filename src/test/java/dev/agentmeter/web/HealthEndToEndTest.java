package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.testing.TestSettings;

/** Liveness and readiness over HTTP: live while the process answers, ready while storage keeps tasks. */
class HealthEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void liveSaysOk() throws Exception {
        try (var server = TestServer.start()) {
            var response = server.get("/health/live");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void readyWithMemoryOnlySaysReady() throws Exception {
        try (var server = TestServer.start()) {
            var response = server.get("/health/ready");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ready\"}");
        }
    }

    @Test
    void readyWithWorkingStorageSaysReady() throws Exception {
        try (var server = TestServer.start(TestSettings.builder().storage(folder, null).build())) {
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readyWithUnusableStorageAnswers503WithTheReason() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("data"), "x");
        try (var server = TestServer.start(TestSettings.builder().storage(notAFolder, null).build())) {
            var response = server.get("/health/ready");

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("not_ready");
            assertThat(body.path("reason").asText()).contains(notAFolder.toString(), "in memory only");
        }
    }

    @Test
    void livenessStaysOkWhileStorageIsUnusable() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("data"), "x");
        try (var server = TestServer.start(TestSettings.builder().storage(notAFolder, null).build())) {
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withUnusableStorageASimulatedTaskIsStillRecordedAndAnsweredSuccess() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("data"), "x");
        try (var server = TestServer.start(TestSettings.builder().storage(notAFolder, null).build())) {
            var simulated = server.postJson("/api/tasks/simulate", "{\"name\":\"plan\",\"duration\":0}");

            assertThat(simulated.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(simulated.body()).path("status").asText()).isEqualTo("success");
            assertThat(JSON.readTree(server.get("/api/metrics").body()).path("data").path("total_requests").asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void anUnknownHealthPathIsNotFound() throws Exception {
        try (var server = TestServer.start()) {
            assertThat(server.get("/health/other").statusCode()).isEqualTo(404);
        }
    }
}
