package dev.agentmeter.web.guard;

/** Request text made safe to quote in an error message: printable ASCII only, and short. */
public final class Printable {

    private static final int MAX_LENGTH = 100;

    private Printable() {
    }

    public static String of(String text) {
        var result = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 3));
        for (int i = 0; i < text.length() && result.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            result.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX_LENGTH) {
            result.append("...");
        }
        return result.toString();
    }
}
