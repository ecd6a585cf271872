package dev.agentmeter.mcp.app;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One element cut out of an HTML file we wrote ourselves (the web dashboard's {@code index.html}): found by the
 * start of its opening tag, such as {@code <table id="error-log"}, and taken down to its matching end tag by
 * counting the same tag's openings and endings in between. Enough for our own well-formed markup, where a tag
 * name does not appear inside attribute values or comments; not an HTML parser.
 *
 * <p>Thread-safe (stateless).
 */
final class HtmlFragment {

    private static final Pattern TAG_NAME = Pattern.compile("^<([a-zA-Z][a-zA-Z0-9-]*)(?=[\\s>]|$)");

    private HtmlFragment() {
    }

    /** The element of {@code html} whose opening tag starts with {@code openingTagStart}; empty when none does. */
    static Optional<String> of(String html, String openingTagStart) {
        Matcher name = TAG_NAME.matcher(openingTagStart);
        if (!name.find()) {
            throw new PageAssemblyException("'" + openingTagStart + "' is not the start of an opening tag");
        }
        int start = startOf(html, openingTagStart);
        if (start < 0) {
            return Optional.empty();
        }
        String tag = name.group(1);
        Matcher tags = Pattern.compile("<(/?)" + Pattern.quote(tag) + "(?=[\\s>/])[^>]*>", Pattern.CASE_INSENSITIVE)
                .matcher(html);
        int depth = 0;
        tags.region(start, html.length());
        while (tags.find()) {
            depth += tags.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                return Optional.of(html.substring(start, tags.end()));
            }
        }
        throw new PageAssemblyException("the element starting with " + openingTagStart + " has no end tag");
    }

    /** Where the opening tag starts: the text must be followed by the rest of the tag, not more of a name. */
    private static int startOf(String html, String openingTagStart) {
        int from = 0;
        while (true) {
            int at = html.indexOf(openingTagStart, from);
            if (at < 0) {
                return -1;
            }
            int after = at + openingTagStart.length();
            char next = after < html.length() ? html.charAt(after) : '>';
            if (next == '>' || next == '/' || Character.isWhitespace(next)) {
                return at;
            }
            from = after;
        }
    }
}
