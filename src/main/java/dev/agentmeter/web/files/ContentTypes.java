package dev.agentmeter.web.files;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The media types of the static files the server is willing to serve; other kinds are not served at all. */
final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "woff2", "font/woff2");

    private ContentTypes() {
    }

    static Optional<String> forFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    static boolean isHtml(String contentType) {
        return contentType.startsWith("text/html");
    }
}
