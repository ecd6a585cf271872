package dev.agentmeter.operations;

/**
 * The contract's rules for task names: control characters are stripped, and what is left, trimmed, must
 * be 1 to {@value #MAX_LENGTH} characters. Names are stored as text; whoever shows one escapes it.
 */
public final class TaskNames {

    public static final int MAX_LENGTH = 100;

    private TaskNames() {
    }

    public static Checked<String> sanitize(String key, String raw) {
        String name = printable(raw).strip();
        if (name.isEmpty()) {
            return Checked.invalid(key + " must not be empty or blank");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            return Checked.invalid(key + " must be at most " + MAX_LENGTH + " characters, got " + length);
        }
        return Checked.valid(name);
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
