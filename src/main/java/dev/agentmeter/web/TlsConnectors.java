package dev.agentmeter.web;

import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Makes the HTTPS connector: HTTP/1.1 over TLS with the key and certificate of a PKCS#12 keystore, and
 * {@code Strict-Transport-Security} on every answer.
 */
final class TlsConnectors {

    private static final long HSTS_MAX_AGE_DAYS = 365;

    private TlsConnectors() {
    }

    static ServerConnector create(Server server, HttpConfiguration http, WebSecurity.TlsKeystore keystore) {
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
