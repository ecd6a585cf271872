package dev.agentmeter.mcp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The URIs of the {@code agentmeter://tasks/{name}} template: a name goes in as RFC 6570 simple expansion
 * writes it (UTF-8, every byte outside {@code A-Z a-z 0-9 - . _ ~} as {@code %XX}), so a name with spaces or
 * {@code /} stays one path segment; it comes out percent-decoded. That expansion is the canonical URI: the one
 * that resource update notifications name.
 *
 * <p>Thread-safe (stateless).
 */
public final class TaskUris {

    public static final String PREFIX = "agentmeter://tasks/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TaskUris() {
    }

    /** The canonical URI of the task called {@code name}. */
    static String of(String name) {
        var uri = new StringBuilder(PREFIX);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c)) {
                uri.append(c);
            } else {
                uri.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return uri.toString();
    }

    /**
     * The task name in {@code uri}, decoded; empty when the URI is not one of the template's, or its name is not
     * well-formed percent-encoded UTF-8. A {@code +} is a plus sign, as everywhere in a URI path.
     */
    public static Optional<String> nameOf(String uri) {
        if (uri == null || !uri.startsWith(PREFIX) || uri.length() == PREFIX.length()) {
            return Optional.empty();
        }
        String encoded = uri.substring(PREFIX.length());
        if (encoded.indexOf('/') >= 0 || encoded.indexOf('?') >= 0 || encoded.indexOf('#') >= 0) {
            return Optional.empty();
        }
        var bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
                continue;
            }
            if (i + 2 >= encoded.length()) {
                return Optional.empty();
            }
            int high = Character.digit(encoded.charAt(i + 1), 16);
            int low = Character.digit(encoded.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        return utf8(bytes.toByteArray());
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
