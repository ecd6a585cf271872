package dev.agentmeter.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentmeter.operations.Checked;

class QueryArgumentsTest {

    @Test
    void aWholeNumberBecomesANumber() {
        assertThat(parse("limit=5")).isEqualTo(Map.of("limit", BigInteger.valueOf(5)));
        assertThat(parse("limit=-1")).isEqualTo(Map.of("limit", BigInteger.valueOf(-1)));
    }

    @Test
    void aDecimalBecomesADecimal() {
        assertThat(parse("limit=1.5")).isEqualTo(Map.of("limit", new BigDecimal("1.5")));
    }

    @Test
    void anythingElseStaysText() {
        assertThat(parse("limit=abc")).isEqualTo(Map.of("limit", "abc"));
        assertThat(parse("limit=1e999999999")).isEqualTo(Map.of("limit", "1e999999999"));
        assertThat(parse("limit=")).isEqualTo(Map.of("limit", ""));
    }

    @Test
    void anAgentNamedLikeANumberStaysText() {
        assertThat(parse("agent=42&limit=42")).isEqualTo(Map.of("agent", "42", "limit", BigInteger.valueOf(42)));
    }

    @Test
    void valuesArePercentDecoded() {
        assertThat(parse("name=a%20b+c")).isEqualTo(Map.of("name", "a b c"));
    }

    @Test
    void aRepeatedNameBecomesAList() {
        assertThat(parse("limit=1&limit=x")).isEqualTo(Map.of("limit", List.of(BigInteger.ONE, "x")));
    }

    @Test
    void unknownNamesAreKeptForTheOperationToReport() {
        assertThat(parse("limit=1&verbose")).containsOnlyKeys("limit", "verbose");
    }

    @Test
    void aMalformedEscapeIsRefused() {
        assertThat(QueryArguments.parse("limit=%zz")).isInstanceOf(Checked.Invalid.class);
    }

    private static Map<String, Object> parse(String query) {
        return ((Checked.Valid<Map<String, Object>>) QueryArguments.parse(query)).value();
    }
}
