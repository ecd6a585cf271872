package dev.agentmeter.export;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where spans go: the OTLP/HTTP traces URL and the headers every request carries (an API key, a bearer token).
 * Immutable. Plain Java on purpose: the command line builds it without loading the OpenTelemetry SDK.
 *
 * @param tracesUri the full URL spans are POSTed to, such as {@code http://collector:4318/v1/traces}
 * @param headers   header names and values, in the order given
 */
public record OtlpDestination(URI tracesUri, Map<String, String> headers) {

    /** The OTLP/HTTP path of traces, appended to a base URL. */
    public static final String TRACES_PATH = "/v1/traces";

    /** RFC 9110 token characters: what a header name may be made of. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** @throws IllegalArgumentException for a header the HTTP client could not send */
    public OtlpDestination {
        Objects.requireNonNull(tracesUri, "tracesUri");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a header name");
            }
            if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                throw new IllegalArgumentException("the value of header " + name + " has a control character");
            }
        });
    }

    /**
     * The destination for a base URL such as {@code http://collector:4318}: {@value #TRACES_PATH} is appended to
     * its path, unless the path already ends with it.
     *
     * @param source what the URL came from, for the message ({@code --otlp-endpoint}, a variable's name)
     * @throws IllegalArgumentException when {@code url} is not an http(s) URL with a host, no query and no fragment
     */
    public static OtlpDestination forBaseUrl(String source, String url) {
        URI base = httpUrl(source, url);
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        if (path.endsWith(TRACES_PATH)) {
            return new OtlpDestination(base, Map.of());
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new OtlpDestination(URI.create(withoutPath(base) + trimmed + TRACES_PATH), Map.of());
    }

    /** The destination for a full traces URL, used as it is (the rule of {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}). */
    public static OtlpDestination forTracesUrl(String source, String url) {
        return new OtlpDestination(httpUrl(source, url), Map.of());
    }

    /** This destination with one more header (replacing one of the same name). */
    public OtlpDestination withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OtlpDestination(tracesUri, more);
    }

    /** This destination with {@code more} headers added (replacing those of the same names). */
    public OtlpDestination withHeaders(Map<String, String> more) {
        var all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new OtlpDestination(tracesUri, all);
    }

    /** The traces URL without any user information, fit for logs and {@code /api/server}. */
    public String endpointForDisplay() {
        if (tracesUri.getRawUserInfo() == null) {
            return tracesUri.toString();
        }
        return tracesUri.getScheme() + "://" + tracesUri.getHost()
                + (tracesUri.getPort() < 0 ? "" : ":" + tracesUri.getPort()) + tracesUri.getRawPath();
    }

    /** Never shows header values: they are usually credentials. */
    @Override
    public String toString() {
        return "OtlpDestination[" + endpointForDisplay() + ", headers=" + headers.keySet() + "]";
    }

    private static URI httpUrl(String source, String url) {
        String text = url == null ? "" : url.strip();
        try {
            URI uri = new URI(text);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Answered below, as any other unusable URL.
        }
        throw new IllegalArgumentException(source + " must be an http:// or https:// URL such as "
                + "http://collector:4318, was '" + text + "'");
    }

    private static String withoutPath(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
