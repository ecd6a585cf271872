package dev.agentmeter.web.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A classpath folder served under a URL prefix. A request path is matched name by name against a strict
 * pattern (letters, digits, dot, dash, underscore; no name starts with a dot), so {@code ..}, empty names,
 * backslashes and anything still encoded are turned away before the classpath is asked, and nothing outside
 * the folder can be named. Only files of a known media type are served; folders never are.
 *
 * <p>Thread-safe. Files found are kept in memory: the jar does not change while it runs.
 */
public final class ClasspathFolder {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int ETAG_HASH_BYTES = 16;

    private final String urlPrefix;
    private final String folder;
    private final String indexFile;
    private final ClassLoader loader;
    // Filled by request threads, once per file found.
    private final Map<String, StaticFile> found = new ConcurrentHashMap<>();

    /**
     * @param urlPrefix the URL path it is served under, ending in {@code /}
     * @param folder    the classpath folder, ending in {@code /}
     * @param indexFile the file served for the prefix itself, or {@code null} for none
     */
    public ClasspathFolder(String urlPrefix, String folder, String indexFile, ClassLoader loader) {
        if (!urlPrefix.endsWith("/") || !folder.endsWith("/")) {
            throw new IllegalArgumentException("the prefix and the folder end in /");
        }
        this.urlPrefix = urlPrefix;
        this.folder = folder;
        this.indexFile = indexFile;
        this.loader = loader;
    }

    boolean covers(String path) {
        return path.startsWith(urlPrefix);
    }

    /** The file at {@code path} (a decoded URL path this folder covers), if there is one to serve. */
    Optional<StaticFile> find(String path) {
        String requested = path.substring(urlPrefix.length());
        String name = requested.isEmpty() && indexFile != null ? indexFile : requested;
        if (!isSafe(name)) {
            return Optional.empty();
        }
        Optional<String> contentType = ContentTypes.forFileName(name);
        if (contentType.isEmpty()) {
            return Optional.empty();
        }
        StaticFile cached = found.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        return load(folder + name, contentType.get()).map(file -> {
            StaticFile earlier = found.putIfAbsent(name, file);
            return earlier != null ? earlier : file;
        });
    }

    private static boolean isSafe(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String part : name.split("/", -1)) {
            if (!SAFE_NAME.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private Optional<StaticFile> load(String resource, String contentType) {
        URL url = loader.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        try {
            if (isFolder(url)) {
                return Optional.empty();
            }
            try (InputStream in = url.openStream()) {
                byte[] bytes = in.readAllBytes();
                return Optional.of(new StaticFile(bytes, contentType, etag(bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource + " from the classpath", e);
        }
    }

    private static boolean isFolder(URL url) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try {
                return !Files.isRegularFile(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                return true;
            }
        }
        if (url.openConnection() instanceof JarURLConnection jar) {
            return jar.getJarEntry() == null || jar.getJarEntry().isDirectory();
        }
        return false;
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + HexFormat.of().formatHex(hash, 0, ETAG_HASH_BYTES) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
