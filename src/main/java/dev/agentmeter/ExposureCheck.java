package dev.agentmeter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

import dev.agentmeter.web.guard.RateLimit;

/**
 * Refuses to serve HTTP beyond this machine without a token: metrics, resets and MCP tools would be open to
 * the whole network. {@code --insecure} says it is meant. Also chooses the guards against strangers that fit
 * how far the server is exposed.
 */
final class ExposureCheck {

    private ExposureCheck() {
    }

    /** Why these settings may not start, in one line; empty when they may. */
    static Optional<String> refusal(Settings settings) {
        if (!settings.http() || settings.token().isPresent() || settings.insecure() || isLoopback(settings.host())) {
            return Optional.empty();
        }
        return Optional.of("refusing to serve " + settings.host() + " beyond this machine without a token: set "
                + "--token (or AGENTMETER_TOKEN), or pass --insecure if anyone who can reach it may use it");
    }

    /**
     * The rate limit when none is given: {@link RateLimit#DEFAULT} per address, except on a loopback address
     * without a token. There every client is this machine and has the same address, so a per-address limit
     * tells no stranger from the owner and only throttles the owner's own agents; the server's shared caps
     * (simulations, MCP requests, event streams, connections) still hold.
     */
    static RateLimit defaultRateLimit(String host, boolean token) {
        return isLoopback(host) && !token ? RateLimit.OFF : RateLimit.parse(RateLimit.DEFAULT);
    }

    static boolean isLoopback(String host) {
        String name = host.strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty()) {
            return false;
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(name)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
