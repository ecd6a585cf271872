package dev.agentmeter.export;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where {@code --otlp-endpoint} and the OpenTelemetry SDK's standard variables send spans, by the rules of the
 * OpenTelemetry exporter specification:
 * <ul>
 *   <li>{@code --otlp-endpoint URL} wins; it is a base URL, like {@code OTEL_EXPORTER_OTLP_ENDPOINT}.</li>
 *   <li>else {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, the full traces URL, used as it is;</li>
 *   <li>else {@code OTEL_EXPORTER_OTLP_ENDPOINT}, a base URL to which {@code /v1/traces} is appended.</li>
 *   <li>Headers from {@code OTEL_EXPORTER_OTLP_HEADERS}, then {@code OTEL_EXPORTER_OTLP_TRACES_HEADERS} (which wins
 *       for a name in both): {@code key=value} pairs separated by commas, values percent-encoded (decoded as the
 *       OpenTelemetry Java SDK decodes them).</li>
 * </ul>
 * Anything unusable is an {@link IllegalArgumentException} whose message names the option or variable and never
 * shows a header's value. Stateless.
 */
public final class OtlpEnvironment {

    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";
    public static final String TRACES_HEADERS = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";

    /** RFC 9110 token characters: what a header name may be made of. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /**
     * Names the JDK's HTTP client refuses to set, or that the exporter sets itself (a second value would garble
     * the request): refused at start rather than failing every export.
     */
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "content-type", "content-encoding");

    private OtlpEnvironment() {
    }

    /**
     * The destination the option or the environment names, with the environment's headers; empty when neither
     * names an endpoint.
     *
     * @param endpointOption the value of {@code --otlp-endpoint}, or null
     * @param environment    the process environment ({@code System.getenv()})
     */
    public static Optional<OtlpDestination> resolve(String endpointOption, Map<String, String> environment) {
        OtlpDestination destination;
        if (isSet(endpointOption)) {
            destination = OtlpDestination.forBaseUrl("--otlp-endpoint", endpointOption);
        } else if (isSet(environment.get(TRACES_ENDPOINT))) {
            destination = OtlpDestination.forTracesUrl(TRACES_ENDPOINT, environment.get(TRACES_ENDPOINT));
        } else if (isSet(environment.get(ENDPOINT))) {
            destination = OtlpDestination.forBaseUrl(ENDPOINT, environment.get(ENDPOINT));
        } else {
            return Optional.empty();
        }
        return Optional.of(destination.withHeaders(headers(environment)));
    }

    /** The headers the environment asks every export to carry. */
    public static Map<String, String> headers(Map<String, String> environment) {
        var headers = new LinkedHashMap<String, String>();
        headers.putAll(parseHeaders(HEADERS, environment.get(HEADERS)));
        headers.putAll(parseHeaders(TRACES_HEADERS, environment.get(TRACES_HEADERS)));
        return headers;
    }

    /** {@code key=value,key2=value2} with percent-encoded values; blank entries are passed over. */
    static Map<String, String> parseHeaders(String source, String text) {
        var headers = new LinkedHashMap<String, String>();
        if (text == null) {
            return headers;
        }
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry.strip() : entry.substring(0, equals).strip();
            if (equals < 0 || !HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(source + ": each header must be name=value with a plain name, "
                        + "separated by commas; '" + shown(name) + "' is not");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(source + ": the header " + name + " cannot be set (the "
                        + "exporter sets it itself)");
            }
            headers.put(name, value(source, name, entry.substring(equals + 1).strip()));
        }
        return headers;
    }

    private static String value(String source, String name, String encoded) {
        String value;
        try {
            value = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": the value of header " + name
                    + " has a bad percent-encoding");
        }
        if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            throw new IllegalArgumentException(source + ": the value of header " + name
                    + " has a control character");
        }
        return value;
    }

    /** A mistaken name, cut short: it may be part of a credential typed in the wrong place. */
    private static String shown(String name) {
        return name.length() <= 20 ? name : name.substring(0, 20) + "...";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
