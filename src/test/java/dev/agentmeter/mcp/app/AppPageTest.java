package dev.agentmeter.mcp.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.agentmeter.testing.NpmTestFolder;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel's page as the jar assembles it from the web dashboard's files, and the assembly's own rules. */
class AppPageTest {

    private static final Pattern CARD = Pattern.compile("data-metric=\"([a-z_]+)\"");
    private final String page = new AppPage().html();

    @Test
    void carriesEveryCardOfTheWebDashboard() throws IOException {
        String index = resource("dashboard/index.html");
        String cards = HtmlFragment.of(index, "<section class=\"cards\"").orElseThrow();

        assertThat(page).contains(cards);
        Matcher card = CARD.matcher(cards);
        int count = 0;
        while (card.find()) {
            assertThat(page).contains("data-metric=\"" + card.group(1) + "\"");
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(8);
    }

    @Test
    void runsTheWebDashboardsOwnModulesAndStylesheet() throws IOException {
        for (String module : new String[] {"dashboard/format.js", "dashboard/cards.js", "dashboard/tables.js",
                "dashboard/status.js", "dashboard/controls.js"}) {
            assertThat(page).contains("// " + module + "\n");
            String firstFunction = resource(module).lines().filter(line -> line.startsWith("export function "))
                    .findFirst().orElseThrow().substring("export ".length());
            assertThat(page).contains("\n" + firstFunction);
        }
        assertThat(page).contains(resource("dashboard/dashboard.css"));
    }

    @Test
    void isSelfContainedAndForbidsEveryNetworkOriginItself() {
        assertThat(page).doesNotContainPattern("<script[^>]+src=").doesNotContain("<link", "@import", "url(")
                .doesNotContain("<!-- include", "<!-- inline");
        assertThat(page).containsPattern("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + "[^\"]*\">");
        assertThat(page).doesNotContainPattern("(src|href)=\"[^\"]");
    }

    @Test
    void itsScriptIsValidJavaScriptForTheBrowser(@TempDir Path folder) throws Exception {
        Optional<Path> node = NpmTestFolder.onPath("node");
        Assumptions.assumeTrue(node.isPresent(), "node is not installed: the syntax check is skipped");
        Matcher script = Pattern.compile("<script type=\"module\">\n(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertThat(script.find()).isTrue();
        Path file = folder.resolve("panel.mjs");
        Files.writeString(file, script.group(1));

        Process check = new ProcessBuilder(node.get().toString(), "--check", file.toString())
                .redirectErrorStream(true).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }

    @Test
    void isAssembledOnceAndKept() {
        var reads = new AtomicInteger();
        var files = Map.of(AppPage.TEMPLATE, "<html><!-- inline-module app.js --></html>", "app.js", "let a = 1;\n");
        var page = new AppPage(path -> {
            reads.incrementAndGet();
            return files.get(path);
        });

        assertThat(page.html()).isSameAs(page.html());
        assertThat(reads).hasValue(2);
    }

    @Test
    void includesAnElementDownToItsOwnEndTag() {
        var page = page(Map.of("other.html", "<div id=\"a\"><div>inner</div><p>kept</p></div><div>after</div>"),
                "<body><!-- include other.html <div id=\"a\" --></body>");

        assertThat(page.html()).isEqualTo("<body><div id=\"a\"><div>inner</div><p>kept</p></div></body>");
    }

    @Test
    void anOptionalIncludeOfAMissingElementLeavesNothingAndARequiredOneIsRefused() {
        assertThat(page(Map.of("other.html", "<p>no table</p>"),
                "<body><!-- include-if-present other.html <table id=\"models\" --></body>").html())
                .isEqualTo("<body></body>");
        assertThatThrownBy(() -> page(Map.of("other.html", "<p>no table</p>"),
                "<!-- include other.html <table id=\"models\" -->").html())
                .isInstanceOf(PageAssemblyException.class).hasMessageContaining("<table id=\"models\"");
    }

    @Test
    void aStylesheetThatWouldEndItsStyleElementIsRefused() {
        assertThatThrownBy(() -> page(Map.of("a.css", "p::after { content: '</style>'; }"),
                "<!-- inline-style a.css -->").html())
                .isInstanceOf(PageAssemblyException.class).hasMessageContaining("a.css");
    }

    private static AppPage page(Map<String, String> files, String template) {
        var all = new HashMap<>(files);
        all.put(AppPage.TEMPLATE, template);
        return new AppPage(path -> Optional.ofNullable(all.get(path))
                .orElseThrow(() -> new PageAssemblyException("no file " + path)));
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = AppPageTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
