package dev.agentmeter.mcp.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard panel's page: one self-contained HTML document, put together once from the jar's own files and
 * kept. The template ({@value #TEMPLATE}) says what goes where with directives in comments:
 * <ul>
 *   <li>{@code <!-- inline-style PATH -->}: the stylesheet, in a {@code <style>} element (the web dashboard's
 *       {@code dashboard/dashboard.css} first);</li>
 *   <li>{@code <!-- inline-module PATH -->}: the module and every module it imports, in one
 *       {@code <script type="module">} (see {@link EsModuleBundle});</li>
 *   <li>{@code <!-- include PATH <tag attributes -->}: the element of that file whose opening tag starts so,
 *       down to its matching end tag (the metric cards and tables of {@code dashboard/index.html}), so the
 *       panel's markup is the web dashboard's; {@code include-if-present} leaves nothing when the file has no
 *       such element.</li>
 * </ul>
 * Nothing else is changed, and nothing is fetched: the page is the files of this jar.
 *
 * <p>Thread-safe: the page is assembled by the first reader; later readers get the same text.
 */
public final class AppPage {

    static final String TEMPLATE = "mcp-app/app.html";

    private static final Pattern DIRECTIVE = Pattern.compile(
            "<!--\\s*(inline-style|inline-module|include-if-present|include)\\s+(\\S+)\\s*(.*?)\\s*-->");
    private static final Pattern UNSAFE_IN_STYLE = Pattern.compile("</style|<!--", Pattern.CASE_INSENSITIVE);

    private final Function<String, String> read;
    // Set once by the first reader to assemble the page; guarded by this.
    private String html;

    /** The page from this jar's resources. */
    public AppPage() {
        this(AppPage::resource);
    }

    /** The page from {@code read}, which gives a file's text by its resource path (for tests). */
    AppPage(Function<String, String> read) {
        this.read = read;
    }

    /** The assembled page; a file that is missing or cannot be taken is a {@link PageAssemblyException}. */
    public synchronized String html() {
        if (html == null) {
            html = assemble(read.apply(TEMPLATE));
        }
        return html;
    }

    private String assemble(String template) {
        Matcher directive = DIRECTIVE.matcher(template);
        var page = new StringBuilder();
        while (directive.find()) {
            String path = directive.group(2);
            String argument = directive.group(3);
            String replacement = switch (directive.group(1)) {
                case "inline-style" -> "<style>\n" + stylesheet(path) + "</style>";
                case "inline-module" -> "<script type=\"module\">\n" + EsModuleBundle.of(path, read) + "</script>";
                case "include" -> HtmlFragment.of(read.apply(path), argument)
                        .orElseThrow(() -> new PageAssemblyException(path + " has no element starting with "
                                + argument + ", which " + TEMPLATE + " includes"));
                default -> HtmlFragment.of(read.apply(path), argument).orElse("");
            };
            directive.appendReplacement(page, Matcher.quoteReplacement(replacement));
        }
        directive.appendTail(page);
        return page.toString();
    }

    private String stylesheet(String path) {
        String css = read.apply(path);
        if (UNSAFE_IN_STYLE.matcher(css).find()) {
            throw new PageAssemblyException(path + " contains </style or <!--, which would end an inline style");
        }
        return css.endsWith("\n") ? css : css + "\n";
    }

    private static String resource(String path) {
        try (InputStream in = AppPage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new PageAssemblyException("the jar has no resource " + path + " for the dashboard panel");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + " for the dashboard panel", e);
        }
    }
}
