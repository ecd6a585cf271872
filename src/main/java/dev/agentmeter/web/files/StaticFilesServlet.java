package dev.agentmeter.web.files;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.web.guard.JsonResponses;
import dev.agentmeter.web.guard.Printable;

/**
 * Serves the dashboard and its vendored libraries from classpath folders: GET and HEAD only, no listings,
 * an ETag on every file so a revisit costs a 304. HTML is revalidated on every load (so a new jar's page
 * never meets an old script); the rest may be reused for a minute.
 */
public final class StaticFilesServlet extends HttpServlet {

    private static final String ALLOWED = "GET, HEAD";
    private static final String HTML_CACHE = "no-cache";
    private static final String ASSET_CACHE = "public, max-age=60";

    private final transient List<ClasspathFolder> folders;
    private final transient JsonCodec json;

    /** @param folders the folders, most specific prefix first */
    public StaticFilesServlet(List<ClasspathFolder> folders, JsonCodec json) {
        this.folders = List.copyOf(folders);
        this.json = json;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            fail(response, ErrorCode.METHOD_NOT_ALLOWED, Printable.of(request.getMethod())
                    + " is not allowed here; allowed: " + ALLOWED, Map.of("Allow", ALLOWED), true);
            return;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<StaticFile> file = folders.stream().filter(folder -> folder.covers(path)).findFirst()
                .flatMap(folder -> folder.find(path));
        if (file.isEmpty()) {
            fail(response, ErrorCode.NOT_FOUND, "no such file: " + Printable.of(path), Map.of(), !head);
            return;
        }
        send(request, response, file.get(), head);
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, StaticFile file, boolean head)
            throws IOException {
        response.setHeader("ETag", file.etag());
        response.setHeader("Cache-Control", ContentTypes.isHtml(file.contentType()) ? HTML_CACHE : ASSET_CACHE);
        if (matches(request.getHeader("If-None-Match"), file.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Content-Type", file.contentType());
        response.setContentLength(file.bytes().length);
        if (!head) {
            response.getOutputStream().write(file.bytes());
        }
    }

    /** Whether an {@code If-None-Match} list names this ETag (weak comparison, as RFC 9110 asks here). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private void fail(HttpServletResponse response, ErrorCode code, String message, Map<String, String> headers,
                      boolean withBody) throws IOException {
        JsonResponses.writeFailure(response, new Envelope.Failure(code, message), headers, json, withBody);
    }
}
