package dev.agentmeter.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private final AccessToken token = new AccessToken("correct-horse-battery-staple");

    @Test
    void theTokenItselfMatches() {
        assertThat(token.matches("correct-horse-battery-staple")).isTrue();
    }

    @Test
    void aPrefixOrALongerStringDoesNotMatch() {
        assertThat(token.matches("correct-horse")).isFalse();
        assertThat(token.matches("correct-horse-battery-staple!")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void aBearerHeaderCarryingTheTokenMatchesWhateverTheSchemesCase() {
        assertThat(token.matchesAuthorization("Bearer correct-horse-battery-staple")).isTrue();
        assertThat(token.matchesAuthorization("bearer correct-horse-battery-staple")).isTrue();
    }

    @Test
    void otherSchemesAndMalformedHeadersDoNotMatch() {
        assertThat(token.matchesAuthorization("Basic correct-horse-battery-staple")).isFalse();
        assertThat(token.matchesAuthorization("correct-horse-battery-staple")).isFalse();
        assertThat(token.matchesAuthorization("Bearer")).isFalse();
        assertThat(token.matchesAuthorization(null)).isFalse();
    }
}
