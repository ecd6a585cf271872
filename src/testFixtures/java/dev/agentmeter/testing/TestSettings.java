package dev.agentmeter.testing;

import dev.agentmeter.Settings;
import dev.agentmeter.SettingsBuilder;
import dev.agentmeter.web.guard.RateLimit;

/**
 * The settings tests and benchmarks start AgentMeter with: loopback, a free port, HTTP only, default capacities,
 * memory only, no alert rules. No rate limit, so that tests may send as fast as they like; the security tests set
 * one. (Formerly {@code Settings.forTests()} in the main code.)
 */
public final class TestSettings {

    private TestSettings() {
    }

    public static Settings forTests() {
        return builder().build();
    }

    /** {@link #forTests()} to change: {@code TestSettings.builder().token("secret").build()}. */
    public static SettingsBuilder builder() {
        return Settings.builder().host("127.0.0.1").port(0).http(true).stdio(false).rateLimit(RateLimit.OFF);
    }
}
