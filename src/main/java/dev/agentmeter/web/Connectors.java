package dev.agentmeter.web;

import java.util.concurrent.TimeUnit;

import dev.agentmeter.web.guard.ShutdownIdleTimeout;
import dev.agentmeter.web.guard.SlowHeaderSweeper;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Makes the server's connector: HTTP/1.1, or HTTP/1.1 over TLS with the key and certificate of a PKCS#12 keystore
 * and {@code Strict-Transport-Security} on every answer; either way with no version in the headers, the settings'
 * header size and idle timeout, a deadline for headers ({@link SlowHeaderSweeper}) and the shutdown idle timeout
 * for connections that open during a stop ({@link ShutdownIdleTimeout}).
 */
final class Connectors {

    private static final long HSTS_MAX_AGE_DAYS = 365;

    private Connectors() {
    }

    static ServerConnector create(Server server, WebSettings settings, WebSecurity security) {
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(settings.maxRequestHeaderBytes());
        ServerConnector connector = security.tls().isEmpty()
                ? new ServerConnector(server, new HttpConnectionFactory(http))
                : tls(server, http, security.tls().get());
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.addBean(new SlowHeaderSweeper(connector, settings.requestReadTimeout()));
        connector.addEventListener(new ShutdownIdleTimeout(connector));
        return connector;
    }

    private static ServerConnector tls(Server server, HttpConfiguration http, WebSecurity.TlsKeystore keystore) {
        var tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keystore.file().toAbsolutePath().toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(keystore.password());
        var secure = new SecureRequestCustomizer();
        // One certificate serves every name this server is reached by (often a bare IP, which has no SNI).
        secure.setSniHostCheck(false);
        // Browsers that saw HTTPS here once never fall back to plain HTTP, where the token would travel in clear.
        secure.setStsMaxAge(HSTS_MAX_AGE_DAYS, TimeUnit.DAYS);
        var https = new HttpConfiguration(http);
        https.addCustomizer(secure);
        return new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    }
}
