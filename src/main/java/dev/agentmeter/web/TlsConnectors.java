package dev.agentmeter.web;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Makes the HTTPS connector: HTTP/1.1 over TLS with the key and certificate of a PKCS#12 keystore. */
final class TlsConnectors {

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
        var https = new HttpConfiguration(http);
        https.addCustomizer(secure);
        return new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    }
}
