package dev.agentmeter.operations;

import java.text.Normalizer;
import java.util.Set;

import dev.agentmeter.metrics.PerformanceMetrics;

/**
 * The contract's rules for task and agent names: control characters are stripped, the name is NFC-normalised
 * (so the composed and decomposed spellings of {@code é} are one name), invisible characters are trimmed from
 * both ends, and what is left must be 1 to {@value #MAX_LENGTH} characters. A name of spaces, zero-width or
 * filler characters alone ({@code U+00A0}, {@code U+200B}, {@code U+FEFF}, {@code U+3164}...) is blank. Names are
 * stored as text; whoever shows one escapes it.
 *
 * <p>A name recorded as a task's or agent's own may not be the overflow bucket's ({@value #OVERFLOW_BUCKET}),
 * so that bucket is never mistaken for a task of that name; looking the bucket up by name is allowed.
 */
public final class TaskNames {

    public static final int MAX_LENGTH = 100;

    /** The name under which tasks (and agents) beyond the caps are counted; no recorded name can be it. */
    public static final String OVERFLOW_BUCKET = PerformanceMetrics.OTHER_TASKS;

    // Letters and symbols that draw nothing (Hangul and Braille fillers, the combining grapheme joiner, Khmer
    // inherent vowels, Mongolian free variation selectors): not spaces or format characters, yet invisible.
    private static final Set<Integer> INVISIBLE_LETTERS = Set.of(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B,
            0x180C, 0x180D, 0x2800, 0x3164, 0xFFA0);

    private TaskNames() {
    }

    /** A name to look a task or agent up by: the rules above. */
    public static Checked<String> sanitize(String key, String raw) {
        if (isPlainAscii(raw)) {
            return Checked.valid(raw); // nothing to strip, normalise or trim, and short enough
        }
        String name = trimInvisible(Normalizer.normalize(printable(raw), Normalizer.Form.NFC));
        if (name.isEmpty()) {
            return Checked.invalid(key + " must not be empty or blank");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            return Checked.invalid(key + " must be at most " + MAX_LENGTH + " characters, got " + length);
        }
        return Checked.valid(name);
    }

    /** A name to record a task or agent under: the rules above, and not the overflow bucket's name. */
    public static Checked<String> sanitizeNew(String key, String raw) {
        Checked<String> name = sanitize(key, raw);
        if (name instanceof Checked.Valid<String> valid && valid.value().equals(OVERFLOW_BUCKET)) {
            return Checked.invalid(key + " must not be " + OVERFLOW_BUCKET + ": that name is kept for the tasks "
                    + "beyond the cap on distinct names");
        }
        return name;
    }

    /**
     * {@code text} without control characters, unpaired surrogates (which cannot be encoded) and the
     * bidirectional overrides that would make a name display as something else.
     */
    static String printable(String text) {
        if (isPrintable(text)) {
            return text; // the usual case, without a copy
        }
        var result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                result.append(c).append(text.charAt(++i));
            } else if (!Character.isISOControl(c) && !Character.isSurrogate(c) && !isBidiControl(c)) {
                result.append(c);
            }
        }
        return result.toString();
    }

    /** Whether {@code codePoint} draws nothing: whitespace, a space separator, a format character or a filler. */
    static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || type == Character.FORMAT || type == Character.CONTROL
                || (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
                || INVISIBLE_LETTERS.contains(codePoint);
    }

    private static String trimInvisible(String text) {
        int start = 0;
        while (start < text.length() && isInvisible(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        int end = text.length();
        while (end > start && isInvisible(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /**
     * Whether the rules above leave {@code text} as it is: 1 to {@value #MAX_LENGTH} printable ASCII
     * characters, not starting or ending with a space. Such a name has no control character, is its own NFC
     * form and has nothing invisible at its ends, so the general path (a normalisation and a trim per name,
     * a fifth of checking a task) would only copy it.
     */
    private static boolean isPlainAscii(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_LENGTH || text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) || isBidiControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
    }
}
