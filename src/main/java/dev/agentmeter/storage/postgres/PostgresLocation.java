package dev.agentmeter.storage.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Where the shared PostgreSQL database is, read from {@code --data postgresql://USER@HOST:PORT/DB} (or
 * {@code postgres://}, as libpq writes it). The password comes from the URL ({@code USER:PASS@} or
 * {@code ?password=}) or else from {@code AGENTMETER_DB_PASSWORD}; it is never part of {@link #toString} or
 * {@link #display}, so it never reaches a log line or a readiness reason.
 *
 * <p>Immutable.
 *
 * @param parameters the libpq connection parameters the driver also understands ({@code sslmode} ...), as given
 */
public record PostgresLocation(String host, int port, String database, String user, String password,
                               Map<String, String> parameters) {

    public static final int DEFAULT_PORT = 5432;
    /** The environment variable that holds the password when the URL has none. */
    public static final String PASSWORD_VARIABLE = "AGENTMETER_DB_PASSWORD";

    private static final Set<String> SCHEMES = Set.of("postgresql", "postgres");
    // libpq's names of the TLS settings, which the driver reads under the same names.
    private static final Set<String> PASSED_ON = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey",
            "sslpassword", "application_name");

    public PostgresLocation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        parameters = Map.copyOf(parameters);
    }

    /** Whether {@code data} (the {@code --data} value) names a PostgreSQL database rather than a folder. */
    public static boolean isUrl(String data) {
        String text = data.strip().toLowerCase(Locale.ROOT);
        return SCHEMES.stream().anyMatch(scheme -> text.startsWith(scheme + "://"));
    }

    /**
     * Reads {@code url}; {@code passwordVariable} is the value of {@value #PASSWORD_VARIABLE} (null when unset).
     *
     * @throws IllegalArgumentException with a message that says what is wrong and never quotes the password
     */
    public static PostgresLocation parse(String url, String passwordVariable) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw refused("it is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw refused("it must start with postgresql:// or postgres://");
        }
        if (uri.getHost() == null) {
            throw refused("it names no host (write postgresql://USER@HOST:PORT/DB)");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty() || database.contains("/")) {
            throw refused("it names no database (write postgresql://USER@HOST:PORT/DB)");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        var parameters = new LinkedHashMap<String, String>();
        for (var parameter : query(uri.getRawQuery()).entrySet()) {
            switch (parameter.getKey()) {
                case "user" -> user = parameter.getValue();
                case "password" -> password = parameter.getValue();
                default -> {
                    if (!PASSED_ON.contains(parameter.getKey())) {
                        throw refused("unknown parameter '" + parameter.getKey() + "' (known: user, password, "
                                + String.join(", ", PASSED_ON.stream().sorted().toList()) + ")");
                    }
                    parameters.put(parameter.getKey(), parameter.getValue());
                }
            }
        }
        if (user == null || user.isEmpty()) {
            throw refused("it names no user (write postgresql://USER@HOST:PORT/DB)");
        }
        if (password == null && passwordVariable != null && !passwordVariable.isEmpty()) {
            password = passwordVariable;
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new PostgresLocation(uri.getHost(), port, database, user, password, parameters);
    }

    /** The driver's URL: host, port and database only; user, password and the rest go in {@link #properties}. */
    String jdbcUrl() {
        String segment = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:postgresql://" + host + ":" + port + "/" + segment;
    }

    /** The connection properties for the driver, password included: never log them. */
    Properties properties() {
        var properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        parameters.forEach((name, value) -> properties.setProperty(name.equals("application_name")
                ? "ApplicationName" : name, value));
        return properties;
    }

    /** The URL without its password, for logs and readiness reasons. */
    public String display() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return display();
    }

    private static Map<String, String> query(String rawQuery) {
        var result = new LinkedHashMap<String, String>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (equals < 0) {
                throw refused("parameter '" + name + "' has no value");
            }
            if (result.put(name, decode(pair.substring(equals + 1))) != null) {
                throw refused("parameter '" + name + "' is given twice");
            }
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused("it has a broken %-escape");
        }
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("--data: cannot read the PostgreSQL URL: " + why);
    }
}
