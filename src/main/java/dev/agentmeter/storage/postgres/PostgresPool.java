package dev.agentmeter.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool to the shared database (HikariCP over the PostgreSQL driver). It holds a few
 * connections: the writer's, the follower's (held while it listens), and one for the start and retention.
 * It does not connect when it is made: the store decides how long to wait for the database.
 */
final class PostgresPool {

    /** Connections at most: writer, follower, and one more. */
    static final int MAX_CONNECTIONS = 3;
    /** A statement that waits longer than this for the database's answer fails (a network gone silent). */
    static final int SOCKET_TIMEOUT_SECONDS = 60;

    private PostgresPool() {
    }

    static HikariDataSource open(PostgresSettings settings) {
        var properties = settings.location().properties();
        properties.putIfAbsent("ApplicationName", "agentmeter");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        var config = new HikariConfig();
        config.setPoolName("agentmeter-postgres");
        config.setJdbcUrl(settings.location().jdbcUrl());
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis() / 2));
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
