package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentmeter.storage.StorageSettings;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.testing.TestSettings;
import dev.agentmeter.web.guard.RateLimit;

class ExposureCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"})
    void loopbackAddressesStayOnThisMachine(String host) {
        assertThat(ExposureCheck.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "10.1.2.3", "", "no-such-host.invalid"})
    void everyOtherAddressReachesBeyondIt(String host) {
        assertThat(ExposureCheck.isLoopback(host)).isFalse();
    }

    @Test
    void aWildcardHostWithoutATokenIsRefused() {
        assertThat(ExposureCheck.refusal(settings("0.0.0.0", Optional.empty(), false))).isPresent();
    }

    @Test
    void aTokenMakesAnExposedHostAcceptable() {
        assertThat(ExposureCheck.refusal(settings("0.0.0.0", Optional.of("0123456789abcdef"), false))).isEmpty();
    }

    @Test
    void insecureMakesAnExposedHostAcceptable() {
        assertThat(ExposureCheck.refusal(settings("0.0.0.0", Optional.empty(), true))).isEmpty();
    }

    @Test
    void onLoopbackWithoutATokenNoAddressIsRateLimitedByDefault() {
        assertThat(ExposureCheck.defaultRateLimit("127.0.0.1", false)).isEqualTo(RateLimit.OFF);
        assertThat(ExposureCheck.defaultRateLimit("localhost", false)).isEqualTo(RateLimit.OFF);
    }

    @Test
    void withATokenOrBeyondLoopbackTheDefaultRateLimitStands() {
        RateLimit standing = RateLimit.parse(RateLimit.DEFAULT);

        assertThat(ExposureCheck.defaultRateLimit("127.0.0.1", true)).isEqualTo(standing);
        assertThat(ExposureCheck.defaultRateLimit("0.0.0.0", true)).isEqualTo(standing);
        assertThat(ExposureCheck.defaultRateLimit("0.0.0.0", false)).isEqualTo(standing);
    }

    @Test
    void loopbackNeedsNoToken() {
        assertThat(ExposureCheck.refusal(settings("127.0.0.1", Optional.empty(), false))).isEmpty();
    }

    private static Settings settings(String host, Optional<String> token, boolean insecure) {
        return TestSettings.builder().host(host).token(token).insecure(insecure).build();
    }
}
