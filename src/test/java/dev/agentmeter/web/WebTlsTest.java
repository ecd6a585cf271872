package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.TestSettings;

/** HTTPS with a self-signed keystore the test makes with the JDK's keytool; the client trusts only that. */
@Timeout(60)
class WebTlsTest {

    private static final String PASSWORD = "keystore-secret";

    @TempDir
    static Path folder;

    private static Running running;
    private static HttpClient trusting;

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = folder.resolve("agentmeter.p12");
        keytool("-genkeypair", "-alias", "agentmeter", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
        running = AgentMeter.start(TestSettings.builder().token(WebAuthTest.TOKEN)
                .tls(new WebSecurity.TlsKeystore(keystore, PASSWORD)).build());
        trusting = HttpClient.newBuilder().sslContext(trustingOnly(keystore)).build();
    }

    @AfterAll
    static void stopServer() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    void healthIsServedOverHttps() throws Exception {
        var response = trusting.send(HttpRequest.newBuilder(uri("https", "/health")).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void browsersAreToldToKeepToHttps() throws Exception {
        var response = trusting.send(HttpRequest.newBuilder(uri("https", "/health")).build(), BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    }

    @Test
    void theApiNeedsTheTokenOverHttpsToo() throws Exception {
        var without = trusting.send(HttpRequest.newBuilder(uri("https", "/api/metrics")).build(), BodyHandlers.ofString());
        var with = trusting.send(HttpRequest.newBuilder(uri("https", "/api/metrics"))
                .header("Authorization", "Bearer " + WebAuthTest.TOKEN).build(), BodyHandlers.ofString());

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(with.statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsSecureOverHttps() throws Exception {
        var response = trusting.send(HttpRequest.newBuilder(uri("https", "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + WebAuthTest.TOKEN + "\"}")).build(),
                BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).endsWith("; Secure"));
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        var untrusting = HttpClient.newHttpClient();

        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(uri("https", "/health")).build(),
                BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnTheTlsPortIsServedNothing() throws Exception {
        String received;
        try (var socket = new Socket("127.0.0.1", running.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            received = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(received).doesNotContain("HTTP/1.1 200", "\"status\":\"ok\"");
    }

    private static URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + running.httpPort() + path);
    }

    private static void keytool(String... arguments) throws Exception {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static SSLContext trustingOnly(Path keystoreFile) throws Exception {
        var keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystoreFile)) {
            keystore.load(in, PASSWORD.toCharArray());
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keystore);
        var context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
