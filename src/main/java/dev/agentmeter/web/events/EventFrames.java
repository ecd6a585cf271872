package dev.agentmeter.web.events;

import java.nio.charset.StandardCharsets;

/** The bytes of server-sent events, as the {@code text/event-stream} format spells them. */
final class EventFrames {

    /** The event name the dashboard listens for. */
    static final String DASHBOARD_EVENT = "dashboard";

    /** A comment line: ignored by clients, but traffic that keeps proxies from closing an idle stream. */
    static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private EventFrames() {
    }

    /** A {@code dashboard} event carrying {@code json}, one {@code data:} line per line of it. */
    static byte[] dashboard(String json) {
        var frame = new StringBuilder(json.length() + 32).append("event: ").append(DASHBOARD_EVENT).append('\n');
        for (String line : json.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
